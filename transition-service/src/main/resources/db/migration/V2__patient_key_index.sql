-- Lookups by the pseudonymous patient key (the FHIR gateway's Patient id is that key).
create index episode_patient_key on episode (patient_key);
