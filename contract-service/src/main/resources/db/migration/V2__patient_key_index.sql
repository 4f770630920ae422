-- Lookups by the pseudonymous patient key (the FHIR gateway's Patient id is that key).
create index contract_patient_key on contract (patient_key);
