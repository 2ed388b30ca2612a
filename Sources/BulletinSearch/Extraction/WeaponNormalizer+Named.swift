// Named systems ("Искандер", "Панцирь-С1", "Wing Loong II"): canonical names of weapons written as words.

extension WeaponNormalizer {
    // MARK: - Named systems

    /// Lowercase name → canonical, and whether it needs quotes in running text (a common word).
    static let named: [String: (String, Bool)] = {
        var out: [String: (String, Bool)] = [:]
        let plain: [(String, String)] = [
            ("rafale", "Rafale"), ("рафаль", "Rafale"), ("gripen", "Gripen"), ("грипен", "Gripen"),
            ("eurofighter", "Eurofighter Typhoon"), ("himars", "HIMARS"), ("хаймарс", "HIMARS"),
            ("patriot", "Patriot"), ("javelin", "Javelin"), ("джавелин", "Javelin"), ("stinger", "Stinger"),
            ("стингер", "Stinger"), ("nasams", "NASAMS"), ("abrams", "Abrams"), ("абрамс", "Abrams"),
            ("bradley", "Bradley"), ("брэдли", "Bradley"), ("bayraktar", "Bayraktar TB2"), ("байрактар", "Bayraktar TB2"),
            ("brahmos", "BrahMos"), ("брамос", "BrahMos"), ("tejas", "Tejas"), ("теджас", "Tejas"),
            ("atacms", "ATACMS"), ("harpoon", "Harpoon"), ("tomahawk", "Tomahawk"), ("томагавк", "Tomahawk"),
            ("hellfire", "Hellfire"), ("excalibur", "Excalibur"), ("caesar", "CAESAR"), ("piorun", "Piorun"),
            ("leopard", "Leopard"), ("леопард", "Leopard"), ("wing", "Wing Loong"),
        ]
        for (k, v) in plain { out[k] = (v, false) }
        let quoted = ["калибр", "кинжал", "циркон", "сармат", "ярс", "булава", "оникс", "авангард", "армата", "бумеранг",
                      "смерч", "ураган", "град", "коалиция", "солнцепек", "буратино", "гиацинт", "пион", "хризантема",
                      "вихрь", "атака", "панцирь", "искандер", "тор", "бук", "курганец", "тигр", "корнет", "ланцет",
                      "орлан", "герань", "торнадо", "мста", "верба", "игла", "тайфун", "посейдон", "буревестник",
                      "орешник", "сатана", "тополь", "бастион", "бал", "редут", "штиль", "форпост", "орион", "охотник"]
        for q in quoted {
            out[q] = (String(q.prefix(1)).uppercased() + q.dropFirst(), true)
        }
        out["триумф"] = ("С-400", true)
        out["прометей"] = ("С-500", true)
        return out
    }()

    static let namedByWord: [Word: (String, Bool)] = {
        var out: [Word: (String, Bool)] = [:]
        for (k, v) in named { out[Word(k)] = v }
        return out
    }()

    static func namedCanonical(_ s: String) -> String? {
        let key = RussianMorphology.fold(s)
        if let (c, _) = named[key] { return c }
        if key.hasPrefix("eurofighter") { return "Eurofighter Typhoon" }
        if key.hasPrefix("bayraktar") || key.hasPrefix("байрактар") {
            return key.hasSuffix("3") ? "Bayraktar TB3" : "Bayraktar TB2"
        }
        if key.hasPrefix("wing loong") {
            let rest = key.dropFirst("wing loong".count).trimmingWhitespace().uppercased()
            return rest.isEmpty ? "Wing Loong" : "Wing Loong " + rest
        }
        let parts = key.split(separator: " ")
        if parts.count == 2, parts[0] == "leopard" || parts[0] == "леопард" {
            return "Leopard " + String(parts[1]).uppercased()
        }
        return nil
    }
}
