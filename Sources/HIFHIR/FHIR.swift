/// The namespace of the typed FHIR R4 resources and data types: `FHIR.Patient`, `FHIR.Observation`,
/// `FHIR.Bundle`, `FHIR.Quantity`, ….
///
/// The domain models (`HIModels`) use the plain names (`Encounter`, `Organization`, `Quantity`, …) for
/// format-free values; the FHIR views live here so that `import HealthInterchange` brings both in without
/// ambiguity.
///
/// ```swift
/// let patient = try FHIR.Patient(parsing: bytes)
/// print(patient.identifier.first?.system ?? "")
/// ```
public enum FHIR {}
