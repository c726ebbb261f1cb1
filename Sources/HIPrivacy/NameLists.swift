/// Built-in lists the pseudonyms are drawn from: common surnames and given-name characters, pinyin
/// syllables for Latin-script names, and street names.
enum NameLists {
    static let surnames: [Character] = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let compoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文"]
    static let givenCharacters: [Character] = Array(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕建国文辉力斌宇浩凯鹏飞欣怡佳琳雪梅晨阳波宁峰俊婷慧颖志海亮新春荣丹云莉兰凤洁琴瑞")
    static let pinyin = [
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
        "guo", "he", "gao", "lin", "luo", "wei", "fang", "ming", "hua", "jun", "ling", "ping", "hong", "yan", "jie",
    ]
    static let streets: [(String, String)] = [
        ("和平路", "Heping"), ("建设路", "Jianshe"), ("人民路", "Renmin"), ("解放路", "Jiefang"), ("中山路", "Zhongshan"),
        ("胜利路", "Shengli"), ("新华路", "Xinhua"), ("文化路", "Wenhua"), ("光明路", "Guangming"), ("友谊路", "Youyi"),
        ("幸福路", "Xingfu"), ("长江路", "Changjiang"), ("黄河路", "Huanghe"), ("东风路", "Dongfeng"), ("朝阳路", "Chaoyang"),
        ("团结路", "Tuanjie"),
    ]
}
