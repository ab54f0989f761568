-- CarrierSim state, version 1. Base availability is procedural: only numbers whose state differs
-- from the base have a row. Everything else is saved per tenant or as shared documents: UTF-8 JSON
-- kept as bytes (bytea), not jsonb, because every save rewrites a tenant's document and jsonb's
-- parsing cost PostgreSQL more CPU than the simulator spent on the request (read one with
-- convert_from(doc, 'UTF8')::jsonb).

CREATE TABLE numbers (
    digits      bigint   PRIMARY KEY,      -- E.164 digits without '+'
    state       smallint NOT NULL,         -- CarrierSim.Core.Inventory.NumberState
    owner       integer  NOT NULL,         -- tenants.owner when owned or held, else 0
    until_ticks bigint   NOT NULL          -- end of a quarantine or hold (.NET ticks, UTC), else 0
);
CREATE INDEX numbers_owner ON numbers (owner) WHERE owner <> 0;

-- Every change to a number reaches every replica's copy of the overlay.
CREATE FUNCTION notify_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('carriersim_numbers', NEW.digits || ' ' || NEW.state || ' ' || NEW.owner || ' ' || NEW.until_ticks);
    RETURN NULL;
END $$;
CREATE TRIGGER numbers_notify AFTER INSERT OR UPDATE ON numbers FOR EACH ROW EXECUTE FUNCTION notify_number();

CREATE SEQUENCE tenant_owner;
CREATE SEQUENCE changes;

CREATE TABLE tenants (
    owner    integer PRIMARY KEY DEFAULT nextval('tenant_owner'),
    dialect  text    NOT NULL,
    id       text    NOT NULL,
    declared boolean NOT NULL,
    version  bigint  NOT NULL DEFAULT 0,  -- from the sequence changes, each time the tenant's state is saved
    UNIQUE (dialect, declared, id)
);

CREATE TABLE tenant_state (
    owner     integer NOT NULL REFERENCES tenants ON DELETE CASCADE,
    component text    NOT NULL,
    doc       bytea   NOT NULL,
    PRIMARY KEY (owner, component)
);

CREATE TABLE shared_state (
    component text  PRIMARY KEY,
    doc       bytea NOT NULL
);

-- One row: generation changes when tenants are deleted or the world is reset (replicas drop their
-- copies); shared_version each time a shared document is saved.
CREATE TABLE world (
    id             integer PRIMARY KEY CHECK (id = 1),
    generation     bigint  NOT NULL,
    shared_version bigint  NOT NULL
);
INSERT INTO world VALUES (1, 1, 0);

CREATE TABLE counters (
    name  text   PRIMARY KEY,
    value bigint NOT NULL
);
