public import HITabular

extension TableStatistics {
    /// The column names of the CSV report.
    public static let csvHeader = ["类别", "分组", "人数", "分母", "比例"]

    /// The figures as table rows (`类别, 分组, 人数, 分母, 比例`), the header first.
    ///
    /// ```swift
    /// for row in statistics.csvRows() { print(row.joined(separator: ",")) }
    /// // 类别,分组,人数,分母,比例
    /// // 签约率,签约居民,6,100,6.00%
    /// ```
    public func csvRows() -> [[String]] {
        [Self.csvHeader]
            + figures.map { figure in
                [
                    figure.section.label, figure.group, String(figure.count), figure.denominator.map(String.init) ?? "",
                    figure.percentText,
                ]
            }
    }

    /// The CSV report in `dialect` (UTF-8 with a BOM by default, so spreadsheets read the Chinese labels).
    ///
    /// - Throws: ``HITabular/TabularError`` `unencodable` when a team name has no representation in the charset.
    public func csvBytes(dialect: TableDialect = TableDialect(byteOrderMark: true)) throws(TabularError) -> [UInt8] {
        var writer = TableWriter(dialect: dialect)
        for row in csvRows() { try writer.writeRow(row) }
        return writer.takeBytes()
    }

    /// A self-contained HTML page: the figures as tables and as horizontal bar charts in inline SVG, with
    /// Chinese labels; no scripts, no style sheets or images from elsewhere. Every text is escaped. Each
    /// figure's row carries `data-section`, `data-group`, `data-count` and `data-ratio` attributes with the same
    /// values as the CSV report, so a check can compare the rendered page with it.
    ///
    /// ```swift
    /// let page = statistics.html(title: "签约服务统计")
    /// ```
    public func html(title: String = "家庭医生签约服务统计") -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<title>" + Self.escape(title) + "</title>\n<style>\n"
        page += "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
        page += "td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}td.n{text-align:right}"
        page += "h2{margin-top:1.5em}\n</style>\n</head>\n<body>\n"
        page += "<h1>" + Self.escape(title) + "</h1>\n"
        var summary = "统计日期 " + options.asOf.description + "，签约居民 " + String(contractedResidents) + " 人"
        if let population = options.population { summary += "，常住人口 " + String(population) + " 人" }
        page += "<p id=\"summary\">" + Self.escape(summary) + "</p>\n"
        for section in Figure.Section.allCases {
            let rows = figures.filter { $0.section == section }
            guard !rows.isEmpty else { continue }
            page += "<section id=\"" + section.rawValue + "\">\n<h2>" + Self.escape(section.label) + "</h2>\n"
            page += Self.chart(rows)
            page += "<table>\n<thead><tr>"
            for name in Self.csvHeader.dropFirst() { page += "<th>" + Self.escape(name) + "</th>" }
            page += "</tr></thead>\n<tbody>\n"
            for figure in rows {
                page += "<tr class=\"figure\" data-section=\"" + Self.escape(section.label) + "\" data-group=\""
                page += Self.escape(figure.group) + "\" data-count=\"" + String(figure.count) + "\" data-ratio=\""
                page += Self.escape(figure.percentText) + "\">"
                page += "<td>" + Self.escape(figure.group) + "</td><td class=\"n\">" + String(figure.count) + "</td>"
                page += "<td class=\"n\">" + (figure.denominator.map(String.init) ?? "") + "</td>"
                page += "<td class=\"n\">" + Self.escape(figure.percentText) + "</td></tr>\n"
            }
            page += "</tbody>\n</table>\n</section>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// A horizontal bar chart: bars for the ratio when every figure has one, else for the count.
    static func chart(_ rows: [Figure]) -> String {
        let byRatio = rows.allSatisfy { $0.ratio != nil }
        let values = rows.map { byRatio ? ($0.ratio ?? 0) : Double($0.count) }
        let maximum = max(values.max() ?? 0, byRatio ? 1 : 1)
        let rowHeight = 28
        let labelWidth = 160
        let barWidth = 360
        let height = rows.count * rowHeight + 10
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(labelWidth + barWidth + 90)\" "
            + "height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 90) \(height)\">\n"
        for (index, figure) in rows.enumerated() {
            let y = 5 + index * rowHeight
            let width = Int((values[index] / maximum * Double(barWidth)).rounded())
            let valueText = byRatio ? figure.percentText : String(figure.count)
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"13\">"
            svg += escape(figure.group) + "</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(width, 1))\" height=\"\(rowHeight - 10)\" "
            svg += "fill=\"#3a7bd5\"><title>" + escape(figure.group + " " + valueText) + "</title></rect>"
            svg += "<text x=\"\(labelWidth + max(width, 1) + 6)\" y=\"\(y + 17)\" font-size=\"13\">"
            svg += escape(valueText) + "</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped for HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
