import Foundation

/// A standalone SVG chart of a timeline: a title with the query, a y axis with gridlines, one
/// bar per period (stacked by series with a split: one `rect` per series and period in a
/// `g class="period"`), period labels, and a legend for a split. No scripts, no external
/// resources: it opens in a browser and embeds in a note.
public struct TimelineSVG {
    public var width = 900
    public var height = 420

    public init() {}

    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    public func render(_ timeline: Timeline, filters: SearchFilters = SearchFilters()) -> String {
        let split = timeline.split != nil
        let legendRows = split ? (timeline.series.count + 3) / 4 : 0
        let left = 56.0, right = 16.0, top = 48.0 + Double(legendRows) * 18
        let bottom = 64.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let n = max(timeline.periods.count, 1)
        let rowSums = timeline.periods.indices.map { i in split ? timeline.series.reduce(0) { $0 + $1.counts[i] } : timeline.totals[i] }
        let scaleMax = Double(Self.niceCeiling(rowSums.max() ?? 0))
        let slot = plotWidth / Double(n)
        let barWidth = max(1, slot * 0.8)

        var out: [String] = []
        out.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="\##(height)" viewBox="0 0 \##(width) \##(height)" font-family="sans-serif" font-size="12">"##)
        let heading = TimelineRenderer().title(timeline, filters: filters).dropLast()
        out.append(##"<title>\##(Self.escape(String(heading)))</title>"##)
        out.append(##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff"/>"##)
        out.append(##"<text class="title" x="\##(left)" y="22" font-size="15" font-weight="bold">\##(Self.escape(String(heading)))</text>"##)

        // Legend.
        if split {
            for (s, series) in timeline.series.enumerated() {
                let x = left + Double(s % 4) * (plotWidth / 4)
                let y = 36.0 + Double(s / 4) * 18
                out.append(##"<g class="legend"><rect x="\##(Self.f(x))" y="\##(Self.f(y))" width="12" height="12" fill="\##(Self.palette[s % Self.palette.count])"/><text x="\##(Self.f(x + 17))" y="\##(Self.f(y + 10))">\##(Self.escape("\(series.name) (\(series.total))"))</text></g>"##)
            }
        }

        // Y axis: gridlines and labels at five steps.
        let steps = 5
        for k in 0...steps {
            let value = scaleMax * Double(k) / Double(steps)
            let y = top + plotHeight - (scaleMax > 0 ? value / scaleMax * plotHeight : 0)
            out.append(##"<line x1="\##(Self.f(left))" y1="\##(Self.f(y))" x2="\##(Self.f(left + plotWidth))" y2="\##(Self.f(y))" stroke="#dddddd"/>"##)
            out.append(##"<text x="\##(Self.f(left - 6))" y="\##(Self.f(y + 4))" text-anchor="end">\##(Self.label(value))</text>"##)
        }
        out.append(##"<line class="axis" x1="\##(Self.f(left))" y1="\##(Self.f(top))" x2="\##(Self.f(left))" y2="\##(Self.f(top + plotHeight))" stroke="#333333"/>"##)
        out.append(##"<line class="axis" x1="\##(Self.f(left))" y1="\##(Self.f(top + plotHeight))" x2="\##(Self.f(left + plotWidth))" y2="\##(Self.f(top + plotHeight))" stroke="#333333"/>"##)

        // Bars, one per period (zero-height for an empty one).
        let labelEvery = max(1, Int((Double(n) / (plotWidth / 44)).rounded(.up)))
        for (i, period) in timeline.periods.enumerated() {
            let x = left + Double(i) * slot + (slot - barWidth) / 2
            let base = top + plotHeight
            if split {
                out.append(##"<g class="period" data-period="\##(Self.escape(period))">"##)
                var y = base
                for (s, series) in timeline.series.enumerated() {
                    let h = scaleMax > 0 ? Double(series.counts[i]) / scaleMax * plotHeight : 0
                    y -= h
                    out.append(##"<rect x="\##(Self.f(x))" y="\##(Self.f(y))" width="\##(Self.f(barWidth))" height="\##(Self.f(h))" fill="\##(Self.palette[s % Self.palette.count])"><title>\##(Self.escape("\(period) · \(series.name): \(series.counts[i])"))</title></rect>"##)
                }
                out.append("</g>")
            } else {
                let h = scaleMax > 0 ? Double(timeline.totals[i]) / scaleMax * plotHeight : 0
                out.append(##"<rect class="bar" data-period="\##(Self.escape(period))" data-count="\##(timeline.totals[i])" x="\##(Self.f(x))" y="\##(Self.f(base - h))" width="\##(Self.f(barWidth))" height="\##(Self.f(h))" fill="\##(Self.palette[0])"><title>\##(Self.escape("\(period): \(timeline.totals[i])"))</title></rect>"##)
            }
            if i % labelEvery == 0 {
                let cx = x + barWidth / 2, cy = base + 14
                let rotate = period.count > 4 ? ##" transform="rotate(-40 \##(Self.f(cx)) \##(Self.f(cy)))""## : ""
                out.append(##"<text class="period-label" x="\##(Self.f(cx))" y="\##(Self.f(cy))" text-anchor="\##(period.count > 4 ? "end" : "middle")"\##(rotate)>\##(Self.escape(period))</text>"##)
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (at least 1).
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 1 else { return 1 }
        var magnitude = 1
        while magnitude * 10 < value { magnitude *= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] {
            let candidate = Int(factor * Double(magnitude))
            if candidate >= value { return candidate }
        }
        return magnitude * 10
    }

    static func label(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text for XML content or a double-quoted attribute; characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = c.value
                if v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000 {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
