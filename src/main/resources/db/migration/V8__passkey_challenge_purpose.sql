-- What a passkey challenge was made for: 'sign-in' (user_id NULL), 'register' (adding a passkey),
-- or 'step-up:<change>' (a passkey confirming one change of the user's factors, such as
-- 'step-up:remove-passkey'). A challenge is taken only for the ceremony, user and change it was
-- made for. The rows live five minutes: those of before this column are simply dropped.
DELETE FROM passkey_challenges;
ALTER TABLE passkey_challenges ADD COLUMN purpose VARCHAR(40) NOT NULL;
