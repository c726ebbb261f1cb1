// The hix side of peers/run.sh: parses every record of an in-memory workload on one core and prints one
// line `<name>\t<MB/s>\t<records/s>\t<records>\t<checksum>` per measurement, exactly as peers/time_python.py does.
//
//   PeerHarness v2 <file.hl7> [seconds] [max-MB]   ER7 parse + PID-3, PID-5, every OBX-5 (pre-split records)
//   PeerHarness fhir <file.ndjson> [seconds] [max-MB] HIFHIR lossless JSON read vs Foundation JSONSerialization
//   PeerHarness cda <folder> [seconds]          CDA documents into ClinicalDocument (HIXML over libxml2)
//   PeerHarness convert <oru.hl7> [seconds] [max-MB] [fhir|ndjson|cda|validate]
//                                                 v2 → FHIR Bundle JSON (pretty; ndjson: one compact line),
//                                                 v2 → CN CDA, RecordValidation (all but ndjson, or only the one
//                                                 named: callgrind totals then count that path alone)
import Foundation
import HICDA
import HIFHIR
import HIHL7v2
import HIWorkloads
import HealthInterchange

func measure(_ name: String, _ records: [[UInt8]], seconds: Double, _ body: ([UInt8]) -> Int) {
    let totalBytes = records.reduce(0) { $0 + $1.count }
    var checksum = 0
    for record in records.prefix(2000) { checksum &+= body(record) }  // warm-up
    checksum = 0
    var passes = 0
    var best = Double.infinity
    let clock = ContinuousClock()
    let started = clock.now
    repeat {
        let elapsed = clock.measure {
            for record in records { checksum &+= body(record) }
        }
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, secs)
        passes += 1
    } while (clock.now - started) < .seconds(seconds)
    print(
        "\(name)\t\(String(format: "%.1f", Double(totalBytes) / best / 1e6))\t"
            + "\(Int(Double(records.count) / best))\t\(records.count)\t\(checksum / passes)")
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: PeerHarness v2|fhir <workload file> [seconds]\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[2])
if arguments[1] == "cda" {
    let documents = Workload.loadDirectory(url.lastPathComponent, from: url.deletingLastPathComponent())
    let seconds = arguments.count > 3 ? Double(arguments[3]) ?? 3 : 3
    measure("hix HICDA ClinicalDocument parse", documents.records, seconds: seconds) { bytes in
        guard let document = try? ClinicalDocument(parsing: bytes) else { return -1 }
        return document.title?.utf8.count ?? 0
    }
    exit(0)
}
let seconds = arguments.count > 3 ? Double(arguments[3]) ?? 3 : 3
let maximumBytes = arguments.count > 4 ? Int((Double(arguments[4]) ?? 0) * 1e6) : Int.max
let loaded = Workload.load(
    url.lastPathComponent, from: url.deletingLastPathComponent(), split: arguments[1] == "fhir" ? .lines : .hl7v2)
var kept: [[UInt8]] = []
var keptBytes = 0
for record in loaded.records {
    if keptBytes + record.count > maximumBytes && !kept.isEmpty { break }
    kept.append(record)
    keptBytes += record.count
}
let workload = Workload(name: loaded.name, bytes: Array(kept.joined()), records: kept)

switch arguments[1] {
case "v2":
    measure("hix HIHL7v2 parse+read", workload.records, seconds: seconds) { V2Reading.parseAndRead($0) }
    let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: workload.bytes.count)
    defer { output.deallocate() }
    var offset = 0
    measure("hix HIHL7v2 parse+serialize", workload.records, seconds: seconds) { bytes in
        guard let message = try? HL7v2Message(parsing: bytes) else { return -1 }
        let serialized = message.serializedBytes()
        if offset + serialized.count > output.count { offset = 0 }
        _ = UnsafeMutableBufferPointer(rebasing: output[offset..<offset + serialized.count]).initialize(
            from: serialized)
        offset += serialized.count
        return serialized.count
    }
case "fhir":
    measure("hix HIFHIR JSONReader.read", workload.records, seconds: seconds) { bytes in
        guard case .object(let object)? = try? JSONReader.read(bytes) else { return -1 }
        return object.members.count
    }
    measure("Foundation JSONSerialization", workload.records, seconds: seconds) { bytes in
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return object?.count ?? -1
    }
case "convert":
    let converter = RecordConverter.allFormats
    let only = arguments.count > 5 ? arguments[5] : nil
    if only == nil || only == "fhir" {
        measure("hix v2 ORU -> FHIR Bundle JSON", workload.records, seconds: seconds) { bytes in
            (try? converter.convert(bytes, from: .hl7v2, to: .fhir))?.output.count ?? -1
        }
    }
    if only == "ndjson" {
        var compact = ConversionOptions()
        compact.compactJSON = true
        measure("hix v2 ORU -> FHIR NDJSON line", workload.records, seconds: seconds) { bytes in
            (try? converter.convert(bytes, from: .hl7v2, to: .fhir, options: compact))?.output.count ?? -1
        }
    }
    if only == nil || only == "cda" {
        measure("hix v2 ORU -> CN CDA", workload.records, seconds: seconds) { bytes in
            (try? converter.convert(bytes, from: .hl7v2, to: .cda))?.output.count ?? -1
        }
    }
    if only == nil || only == "validate", let validation = try? RecordValidation() {
        measure("hix RecordValidation v2 ORU", workload.records, seconds: seconds) { bytes in
            validation.validate(bytes, as: .hl7v2).reduce(0) { $0 + $1.issues.count + 1 }
        }
    }
default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(2)
}
