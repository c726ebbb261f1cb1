// The umbrella module: `import HealthInterchange` brings in every public module.
@_exported import HICDA
@_exported import HIConvert
@_exported import HICore
@_exported import HIFHIR
@_exported import HIHL7v2
@_exported import HIMLLP
@_exported import HIModels
@_exported import HIPrimaryCare
@_exported import HIPrivacy
@_exported import HITabular
@_exported import HITerminology
@_exported import HIV3
@_exported import HIValidation
@_exported import HIXML
