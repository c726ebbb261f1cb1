import Foundation
import HIConvert
import HICore
import HIModels
import HITabular
import HITestSupport
import Testing

@Suite struct TabularStatisticsTests {
    static func resident(_ id: String, _ flags: KeyPopulation = []) -> Resident {
        var resident = Resident(identifiers: [Identifier(kind: .residentIDCard, value: id)])
        resident.keyPopulations = flags
        return resident
    }

    static func contract(_ resident: Resident, team: String?, start: CalendarDate?, end: CalendarDate? = nil)
        -> ModelRecord
    {
        var contract = FamilyDoctorContract(start: start)
        contract.end = end
        contract.resident = resident
        contract.team = team.map { CareTeam(name: $0) }
        return .contract(contract)
    }

    static func visit(_ resident: Resident, _ disease: FollowUp.Disease, _ date: CalendarDate?) -> ModelRecord {
        var visit = FollowUp(disease: disease, date: date)
        visit.resident = resident
        return .followUp(visit)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    /// Hand-made records with known figures.
    @Test func figuresOfHandMadeRecords() {
        let a = Self.resident("A", [.elderly, .hypertension])
        let b = Self.resident("B", [.diabetes])
        let c = Self.resident("C")
        let d = Self.resident("D", [.hypertension])  // not contracted
        let e = Self.resident("E")  // contract expired
        let f = Self.resident("F")  // contract signed after the day
        let records: [ModelRecord] = [
            Self.contract(a, team: "一队", start: Self.day(2026, 1, 1)),
            Self.contract(a, team: "一队", start: Self.day(2026, 2, 1)),  // the same resident twice
            Self.contract(b, team: "二队", start: Self.day(2025, 12, 1)),
            Self.contract(c, team: nil, start: Self.day(2026, 3, 1)),
            Self.contract(e, team: "二队", start: Self.day(2024, 1, 1), end: Self.day(2024, 12, 31)),
            Self.contract(f, team: "二队", start: Self.day(2026, 12, 1)),
            .resident(d),
            Self.visit(a, .hypertension, Self.day(2026, 9, 1)),  // within 3 months of 2026-11-26
            Self.visit(a, .hypertension, Self.day(2026, 5, 1)),
            Self.visit(b, .diabetes, Self.day(2026, 8, 25)),  // 3 months before is 2026-08-26: overdue
            Self.visit(c, .hypertension, Self.day(2026, 10, 1)),  // makes C a hypertension resident
        ]
        var options = TableStatistics.Options(asOf: Self.day(2026, 11, 26))
        options.population = 40
        options.populationByGroup = ["老年人": 4, "hypertension": 10]
        let statistics = TableStatistics(records: records, options: options)
        #expect(statistics.contractedResidents == 3)
        #expect(statistics.coverage == 3.0 / 40.0)
        let figures = statistics.figures.map { "\($0.section.label)|\($0.group)|\($0.count)|\($0.denominator ?? -1)" }
        #expect(
            figures == [
                "签约率|签约居民|3|40",
                "重点人群覆盖率|老年人|1|4", "重点人群覆盖率|高血压|2|10", "重点人群覆盖率|糖尿病|1|-1",
                "团队签约人数|一队|1|-1", "团队签约人数|二队|1|-1", "团队签约人数|未分配团队|1|-1",
                // A (last 2026-09-01) is on time; C on time; D has none: overdue. B's visit is too old.
                "随访逾期|高血压|1|3", "随访逾期|糖尿病|1|1",
            ])
        #expect(statistics.figures[0].percentText == "7.50%")
        #expect(statistics.figures[1].percentText == "25.00%")
    }

    @Test func contractsInForce() {
        let start = Self.day(2025, 3, 1)
        var contract = FamilyDoctorContract(start: start)
        #expect(TableStatistics.isInForce(contract, on: Self.day(2026, 2, 28)))
        #expect(!TableStatistics.isInForce(contract, on: Self.day(2026, 3, 1)))
        #expect(!TableStatistics.isInForce(contract, on: Self.day(2025, 2, 28)))
        contract.years = 3
        #expect(TableStatistics.isInForce(contract, on: Self.day(2027, 12, 31)))
        contract.years = Int.max  // from a hostile source: bounded, no overflow
        #expect(TableStatistics.isInForce(contract, on: Self.day(2030, 1, 1)))
        #expect(TableStatistics.date(Self.day(2026, 5, 31), minusMonths: 3) == Self.day(2026, 2, 28))
        #expect(TableStatistics.date(Self.day(2026, 1, 15), minusMonths: 3) == Self.day(2025, 10, 15))
    }

    /// The samples: the contract list and the follow-up register read through their mappings.
    @Test func figuresOfTheSampleTables() throws {
        var records: [ModelRecord] = []
        for sample in TableCase.all where ["contract-list-utf8.csv", "followup-register.tsv"].contains(sample.file) {
            records += try tableRows(try sample.bytes(), options: try sample.options()).flatMap(\.records)
        }
        var options = TableStatistics.Options(asOf: Self.day(2026, 7, 1))
        options.population = 120
        let statistics = TableStatistics(records: records, options: options)
        // Contracts signed 2026-01-15 … 2026-06-30: all six in force on 2026-07-01.
        #expect(statistics.contractedResidents == 6)
        let rows = statistics.csvRows()
        #expect(rows[0] == ["类别", "分组", "人数", "分母", "比例"])
        #expect(rows[1] == ["签约率", "签约居民", "6", "120", "5.00%"])
        #expect(rows.contains(["重点人群覆盖率", "老年人", "2", "", ""]))
        // 张伟明, 王瑋 (list) and 刘建国 (register): hypertension.
        #expect(rows.contains(["重点人群覆盖率", "高血压", "3", "", ""]))
        #expect(rows.contains(["团队签约人数", "清波第一团队", "2", "", ""]))
        // On 2026-07-01 the cutoff is 2026-04-01: 王瑋 (03-15) and 刘建国 (03-18) are overdue, 张伟明 (06-10) not.
        #expect(rows.contains(["随访逾期", "高血压", "2", "3", "66.67%"]))
        #expect(rows.contains(["随访逾期", "糖尿病", "1", "1", "100.00%"]))
        let csv = try statistics.csvBytes()
        #expect(csv.starts(with: TableDialect.utf8BOM))
    }

    @Test func htmlIsSelfContainedEscapedAndHoldsTheFigures() {
        let hostile = Self.resident("X")
        let records = [Self.contract(hostile, team: "<script>alert(\"团队\")</script>&", start: Self.day(2026, 1, 1))]
        var options = TableStatistics.Options(asOf: Self.day(2026, 6, 1))
        options.population = 8
        let statistics = TableStatistics(records: records, options: options)
        let page = statistics.html(title: "统计 <测试>")
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&quot;团队&quot;)&lt;/script&gt;&amp;"))
        #expect(page.contains("<title>统计 &lt;测试&gt;</title>"))
        #expect(page.contains("<svg"))
        #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!page.contains("src="))
        #expect(!page.contains("href="))
        #expect(page.contains("data-section=\"签约率\" data-group=\"签约居民\" data-count=\"1\" data-ratio=\"12.50%\""))
        #expect(TableStatistics.escape("a'b") == "a&#39;b")
    }
}
