-- Lookups by the pseudonymous patient key (the FHIR gateway's Patient id is that key).
create index sip_patient_key on sip (patient_key);
