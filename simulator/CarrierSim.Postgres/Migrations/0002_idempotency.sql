-- CarrierSim state, version 2: idempotency keys shared by every replica, so that a retry that
-- reaches another replica gets the first answer.

CREATE TABLE idempotency (
    scope         text        PRIMARY KEY,     -- dialect, hash of the credentials, the key
    fingerprint   text        NOT NULL,        -- hash of method, path, query and body
    answer        bytea,                       -- the first answer (status, headers, body); null while it runs
    expires_ticks bigint      NOT NULL,        -- simulator time when the key is forgotten (.NET ticks, UTC)
    claimed_at    timestamptz NOT NULL         -- wall time of the claim: a claim left unanswered lapses
);
CREATE INDEX idempotency_expires ON idempotency (expires_ticks);
