// hix: the HealthInterchange command line. A thin layer over the library: it parses flags, reads
// files and writes outputs; everything else lives in the library modules.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
exit(HixMain.run(arguments))
