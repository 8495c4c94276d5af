-- A contract's obligated and potential values beside its current value,
-- where the source has them (USAspending: total obligated amount and
-- potential total value of the award); NULL when unknown.
ALTER TABLE contracts ADD COLUMN obligated_amount REAL;
ALTER TABLE contracts ADD COLUMN obligated_currency TEXT;
ALTER TABLE contracts ADD COLUMN potential_amount REAL;
ALTER TABLE contracts ADD COLUMN potential_currency TEXT;
