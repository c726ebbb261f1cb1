import Foundation
import HIConvert
import HIPrimaryCare
import HITestSupport
import Testing

/// The CDA goldens in `Samples/converted/cda` of referrals and follow-ups come from the primary-care codecs
/// (`RecordConverter.withPrimaryCare`, which `hix convert` uses): converting their sources again gives the same
/// bytes, twice.
@Suite struct PrimaryCareGoldenTests {
    static let cases: [(source: String, format: RecordFormat)] = [
        ("hl7v2/valid/ref-i12-referral.hl7", .hl7v2), ("cda/wst483-12-hypertension-followup.xml", .cda),
        ("cda/wst483-13-diabetes-followup.xml", .cda), ("cda/wst483-20-referral.xml", .cda),
    ]

    @Test(arguments: 0..<cases.count)
    func cdaGoldenIsReproduced(_ index: Int) throws {
        let (source, format) = Self.cases[index]
        let input = [UInt8](try Data(contentsOf: SampleFiles.samplesRoot.appendingPathComponent(source)))
        let name = ((source as NSString).lastPathComponent as NSString).deletingPathExtension + "-1.xml"
        let golden = [UInt8](
            try Data(contentsOf: SampleFiles.samplesRoot.appendingPathComponent("converted/cda/" + name)))
        let first = try RecordConverter.withPrimaryCare.convert(input, from: format, to: .cda).output
        let second = try RecordConverter.withPrimaryCare.convert(input, from: format, to: .cda).output
        let same = first == golden
        #expect(same, "\(source) differs from Samples/converted/cda/\(name)")
        #expect(first == second)
    }
}
