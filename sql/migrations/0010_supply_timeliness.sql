-- A supply entered through the API (a contract or allocation decision
-- typed in) keeps its lag in working days from the contract date to its
-- entry, and whether that was later than the threshold. Supplies taken
-- from published results or files of past years have no lag: their entry
-- is not the office's first record of them.
ALTER TABLE supply ADD COLUMN lag_workdays integer, ADD COLUMN late boolean NOT NULL DEFAULT false;
