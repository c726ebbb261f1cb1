import HICore
import HIModels
import HIPrimaryCare
import HITestSupport

/// Shared contract fixtures: the sample files and small builders.
enum ContractFixtures {
    static func sampleContracts() throws -> [FamilyDoctorContract] {
        let file = try sample("contracts.json")
        return try ContractJSON.decode(file.bytes(), file: file.name)
    }

    static func sample(_ name: String) throws -> SampleFile {
        let files = try SampleFiles.list("primary-care/contracts")
        guard let file = files.first(where: { $0.name == name || $0.name.hasSuffix("/" + name) }) else {
            throw ContractError(.missingElement, name)
        }
        return file
    }

    static func date(_ text: String) -> CalendarDate {
        CalendarDate(text) ?? CalendarDate(daysSince1970: 0)
    }

    /// Provenance says where a value was read; equality of content ignores it.
    static func content(_ contract: FamilyDoctorContract) -> FamilyDoctorContract {
        var copy = contract
        copy.provenance = Provenance()
        copy.resident = copy.resident.map(content)
        if var family = copy.family {
            for index in family.members.indices {
                family.members[index].resident = content(family.members[index].resident)
            }
            copy.family = family
        }
        return copy
    }

    static func content(_ resident: Resident) -> Resident {
        var copy = resident
        copy.provenance = Provenance()
        return copy
    }

    static func resident(_ id: String, name: String) -> Resident {
        Resident(identifiers: [Identifier(kind: .residentIDCard, value: id)], name: PersonName(text: name))
    }

    static func contract(
        resident id: String = "420106195603120410", team: String = "一队", start: String = "2026-01-01",
        years: Int? = nil, end: String? = nil, status: ContractStatus? = .active, items: [String] = ["FU-HTN"]
    ) -> FamilyDoctorContract {
        var contract = FamilyDoctorContract(start: date(start), years: years)
        contract.identifiers = [Identifier(kind: .other, value: "QY-" + id.suffix(4) + "-" + start)]
        contract.resident = resident(id, name: "测试居民")
        contract.team = CareTeam(name: team, organization: Organization(name: "示例社区卫生服务中心"))
        contract.end = end.map(date)
        contract.status = status?.codedValue
        contract.packages = [
            ServicePackage(
                code: "JC01", name: "基础服务包", kind: .basic,
                items: items.map { ServiceItem(code: $0, frequency: .quarterly) })
        ]
        return contract
    }
}
