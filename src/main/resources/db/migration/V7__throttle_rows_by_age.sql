-- Throttle rows whose hour is over are removed as new ones are added (SignInThrottle.NewRows):
-- this index finds them without reading the whole table.
CREATE INDEX sign_in_failures_by_first_failure ON sign_in_failures (first_failure_at);
