-- Team server schema, version 1. Applied by `claimdesk-cli team init` as a superuser, in one
-- transaction. Append-only like the local migrations: never edit a released file.
--
-- Access control is PostgreSQL's own: analysts (LOGIN roles in the group cd_analyst) may only
-- execute the API functions below; they have no privilege on any table. The functions run as
-- cd_owner (SECURITY DEFINER) and every table has forced row-level security keyed on
-- project membership of `session_user` (inside a SECURITY DEFINER function `current_user` is the
-- owner; `session_user` is the analyst who logged in, which only a superuser can change).

CREATE SCHEMA cd AUTHORIZATION cd_owner;
REVOKE ALL ON SCHEMA cd FROM PUBLIC;
GRANT USAGE ON SCHEMA cd TO cd_analyst;

SET LOCAL ROLE cd_owner;

CREATE TABLE cd.schema_version (version int NOT NULL);
INSERT INTO cd.schema_version VALUES (1);

CREATE TABLE cd.project (
    id         uuid PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    version    bigint NOT NULL DEFAULT 0,      -- bumped under this row's lock: gapless, in commit order
    created_at timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz
);

-- A grantee is an analyst's role or a group role (a team) whose members are analysts.
CREATE TABLE cd.project_member (
    project_id uuid NOT NULL REFERENCES cd.project (id) ON DELETE CASCADE,
    grantee    oid NOT NULL,
    PRIMARY KEY (project_id, grantee)
);

-- Which local analyst id an analyst's role writes as: bound at the first join.
CREATE TABLE cd.analyst (
    role         name PRIMARY KEY,
    display_name text NOT NULL,
    annotator_id text UNIQUE
);

-- Every op ever applied, so that a retried push applies it once.
CREATE TABLE cd.applied_ops (
    op_id      uuid PRIMARY KEY,
    -- No foreign key to cd.project: every write comes through a function that checked the
    -- project first, projects are never deleted, and a key check per row was a third of a push.
    project_id uuid NOT NULL,
    author     name NOT NULL,
    device     uuid,
    entity     text NOT NULL,
    entity_id  text NOT NULL,
    base       bigint NOT NULL,
    version    bigint NOT NULL,
    conflict   boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One row per synced entity row, as the team has it. `fields` holds the columns of the local
-- table (blobs as hex). A field's mark, [version, analyst id, device], says when, by whom and from
-- which device it last changed (what a stale op is checked against): its entry in
-- `field_versions` if it changed after the row was made (or the server rewrote it), else
-- `created_mark`. Most rows never change, so most rows carry one mark, not one per field.
CREATE TABLE cd.row (
    project_id     uuid NOT NULL,  -- no foreign key, as in applied_ops
    entity         text NOT NULL,
    id             text NOT NULL,
    fields         jsonb NOT NULL,
    created_mark   jsonb NOT NULL,
    field_versions jsonb NOT NULL,
    -- The device that set every field, if one did: a row a device only ever changed by itself
    -- is one that device need not pull back. An expression, not a function: a function here
    -- is called for every row written (one with a sub-select is never inlined).
    sole_device    text GENERATED ALWAYS AS (
        CASE WHEN field_versions = '{}' THEN created_mark->>2
             WHEN jsonb_path_exists(field_versions, 'strict $.* ? (@[2] != $d)',
                                    jsonb_set('{"d": null}', '{d}', created_mark->2)) THEN NULL
             ELSE created_mark->>2 END) STORED,
    row_version    bigint NOT NULL,
    author         name NOT NULL,
    PRIMARY KEY (project_id, entity, id)
);
CREATE INDEX row_by_version ON cd.row (project_id, row_version);

-- The value a field had before each change (the base of a conflict, and an audit trail).
CREATE TABLE cd.field_history (
    project_id  uuid NOT NULL,
    entity      text NOT NULL,
    id          text NOT NULL,
    field       text NOT NULL,
    old_value   jsonb,
    old_version bigint,
    replaced_at bigint NOT NULL,
    author      name NOT NULL
);
CREATE INDEX field_history_by_row ON cd.field_history (project_id, entity, id, field, replaced_at);

-- The projects the LOGIN role is a member of, directly or through a team role. Every policy
-- below calls it inside a sub-select, `(SELECT cd.my_projects())::uuid[]`, which the planner runs once
-- per statement: a function in the policy itself runs once per row checked (one with a
-- sub-select is never inlined), which was most of a push's time. It only ever runs inside the API
-- functions, as their owner, with their fixed search_path: analysts can neither call it nor read
-- a table.
CREATE FUNCTION cd.my_projects() RETURNS uuid[]
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(pg_catalog.array_agg(m.project_id), '{}') FROM cd.project_member m
    WHERE pg_catalog.pg_has_role(session_user, m.grantee, 'MEMBER')
$$;

ALTER TABLE cd.project ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.project FORCE ROW LEVEL SECURITY;
CREATE POLICY member ON cd.project USING ((SELECT cd.my_projects()) @> ARRAY[id])
    WITH CHECK ((SELECT cd.my_projects()) @> ARRAY[id]);
ALTER TABLE cd.project_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.project_member FORCE ROW LEVEL SECURITY;
CREATE POLICY member ON cd.project_member
    USING (pg_has_role(session_user, grantee, 'MEMBER'))
    WITH CHECK (false);
ALTER TABLE cd.analyst ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.analyst FORCE ROW LEVEL SECURITY;
CREATE POLICY itself ON cd.analyst USING (role = session_user) WITH CHECK (role = session_user);
ALTER TABLE cd.applied_ops ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.applied_ops FORCE ROW LEVEL SECURITY;
CREATE POLICY member ON cd.applied_ops USING ((SELECT cd.my_projects()) @> ARRAY[project_id])
    WITH CHECK ((SELECT cd.my_projects()) @> ARRAY[project_id]);
ALTER TABLE cd.row ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.row FORCE ROW LEVEL SECURITY;
CREATE POLICY member ON cd.row USING ((SELECT cd.my_projects()) @> ARRAY[project_id])
    WITH CHECK ((SELECT cd.my_projects()) @> ARRAY[project_id]);
ALTER TABLE cd.field_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.field_history FORCE ROW LEVEL SECURITY;
CREATE POLICY member ON cd.field_history USING ((SELECT cd.my_projects()) @> ARRAY[project_id])
    WITH CHECK ((SELECT cd.my_projects()) @> ARRAY[project_id]);
ALTER TABLE cd.schema_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE cd.schema_version FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone ON cd.schema_version USING (true) WITH CHECK (false);

-- What the app checks first: the schema version, who the server says we are, as whom we write.
CREATE FUNCTION cd.server_info(OUT schema_version int, OUT role name, OUT annotator_id text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT (SELECT max(version) FROM cd.schema_version), session_user,
           (SELECT a.annotator_id FROM cd.analyst a WHERE a.role = session_user)
$$;

-- The project of that name, if the caller is a member and it is not removed; raises otherwise.
CREATE FUNCTION cd.member_project(p_project uuid) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE removed timestamptz;
BEGIN
    SELECT p.removed_at INTO removed FROM cd.project p WHERE p.id = p_project;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'project % not found, or you are not one of its members', p_project
            USING ERRCODE = '42501';
    END IF;
    IF removed IS NOT NULL THEN
        RAISE EXCEPTION 'project % was removed from the team server', p_project
            USING ERRCODE = 'CD001';
    END IF;
END $$;

-- Fields the server writes itself, from the caller's role, whatever the client sent: `create`
-- fields are set when the row is created and never change; `always` fields are set whenever
-- the client sets them (a review's reviewer, a conflict's resolver). History events keep the
-- actor their file recorded (history is append-only in every file, so a rewritten actor could
-- never reach the file that sent it); who sent each of them is the row's `author`.
CREATE TABLE cd.stamped_field (
    entity   text NOT NULL,
    field    text NOT NULL,
    stamp_on text NOT NULL CHECK (stamp_on IN ('create', 'always')),
    PRIMARY KEY (entity, field)
);
INSERT INTO cd.stamped_field VALUES
    ('annotation', 'annotator_id', 'create'),
    ('annotation', 'reviewer_id', 'always'),
    ('review_decision', 'reviewer_id', 'create'),
    ('sync_conflict', 'resolver_id', 'always'),
    ('assignment', 'assigned_by', 'create');

-- Fields that follow the others of their op and never make a conflict of their own (when the
-- row was last touched, who reviewed it): applied when the op changes anything else.
CREATE TABLE cd.bookkeeping_field (
    entity text NOT NULL,
    field  text NOT NULL,
    PRIMARY KEY (entity, field)
);
INSERT INTO cd.bookkeeping_field VALUES
    ('annotation', 'updated_at'), ('annotation', 'reviewer_id'), ('annotation', 'reviewed_at'),
    ('label', 'updated_at'), ('sync_conflict', 'resolver_id'), ('sync_conflict', 'resolved_at');

-- The field whose setting is the row's deletion (a tombstone): a delete racing an edit is a
-- conflict, whichever came second.
CREATE TABLE cd.deletion_field (
    entity text PRIMARY KEY,
    field  text NOT NULL
);
INSERT INTO cd.deletion_field VALUES
    ('article', 'deleted_at'), ('annotation', 'deleted_at'), ('label', 'retired_at'),
    ('assignment', 'removed_at');

-- Entities a client may push, and nothing else.
CREATE TABLE cd.synced_entity (entity text PRIMARY KEY);
INSERT INTO cd.synced_entity VALUES ('article'), ('article_source'), ('label'), ('annotation'),
    ('review_decision'), ('history'), ('setting'), ('sync_conflict'), ('assignment');

-- Join: the caller's role writes as `p_annotator_id` from now on (unless the role already
-- writes as another id, which is returned), and its analyst row travels to the project's members.
CREATE FUNCTION cd.join_project(p_name text, p_annotator_id text, p_display_name text)
    RETURNS TABLE (project_id uuid, annotator_id text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid uuid;
    bound text;
    shown text;
    v bigint;
BEGIN
    SELECT p.id INTO pid FROM cd.project p WHERE p.name = p_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no project named "%" that you are a member of', p_name USING ERRCODE = '42501';
    END IF;
    PERFORM cd.member_project(pid);
    SELECT a.annotator_id, a.display_name INTO bound, shown FROM cd.analyst a WHERE a.role = session_user;
    IF bound IS NULL THEN
        bound := p_annotator_id;
        shown := coalesce(shown, p_display_name);
        BEGIN
            INSERT INTO cd.analyst AS a (role, display_name, annotator_id)
                VALUES (session_user, shown, bound)
                ON CONFLICT (role) DO UPDATE SET annotator_id = EXCLUDED.annotator_id;
        EXCEPTION WHEN unique_violation THEN
            RAISE EXCEPTION 'analyst id % already belongs to another analyst', bound USING ERRCODE = '42501';
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM cd.row r
                   WHERE r.project_id = pid AND r.entity = 'annotator' AND r.id = bound) THEN
        UPDATE cd.project p SET version = p.version + 1 WHERE p.id = pid RETURNING p.version INTO v;
        INSERT INTO cd.applied_ops (op_id, project_id, author, device, entity, entity_id, base, version)
            VALUES (gen_random_uuid(), pid, session_user, NULL, 'annotator', bound, 0, v);
        INSERT INTO cd.row (project_id, entity, id, fields, created_mark, field_versions, row_version, author)
            VALUES (pid, 'annotator', bound,
                    jsonb_build_object('id', bound, 'name', shown, 'created_at',
                        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                    jsonb_build_array(v, bound, NULL), '{}', v, session_user);
    END IF;
    RETURN QUERY SELECT pid, bound;
END $$;

-- Field `k`'s mark: [version, analyst id, device].
CREATE FUNCTION cd.mark(r cd.row, k text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(r.field_versions->k, r.created_mark)
$$;

-- The value field `k` of a row had at version `base`: the old value of its first change after
-- `base`, else (never changed since) its value now.
CREATE FUNCTION cd.value_at(r cd.row, k text, base bigint) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(
        (SELECT h.old_value FROM cd.field_history h
         WHERE h.project_id = r.project_id AND h.entity = r.entity AND h.id = r.id
           AND h.field = k AND h.replaced_at > base
         ORDER BY h.replaced_at LIMIT 1),
        CASE WHEN (cd.mark(r, k)->>0)::bigint > base THEN NULL ELSE r.fields->k END)
$$;

-- Whether field `k` changed after `base` by someone other than this analyst on this device.
CREATE FUNCTION cd.changed_by_other(r cd.row, k text, base bigint, me text, device uuid) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((cd.mark(r, k)->>0)::bigint > base
                    AND NOT (cd.mark(r, k)->>1 = me
                             AND cd.mark(r, k)->>2 IS NOT DISTINCT FROM device::text), false)
$$;

-- Apply one op at version `v`; returns whether it made a conflict. Changed fields that nobody
-- else changed since the op's base are applied; a field someone else changed since to another
-- value is not: the server keeps theirs and records a `sync_conflict` row (base, ours, theirs,
-- both analysts) that travels to every member like any other row.
CREATE FUNCTION cd.apply_op(p_project uuid, p_device uuid, me text, v bigint, op jsonb)
    RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e text := op->>'entity';
    rid text := op->>'id';
    base bigint := coalesce((op->>'base')::bigint, 0);
    f jsonb := op->'fields';
    r cd.row;
    k text;
    wanted text[];
    applied text[] := '{}';
    conflicted text[] := '{}';
    del text;
    stamp record;
    mark jsonb := jsonb_build_array(v, me, p_device);
    -- a field the server rewrote is marked as the server's, so that the pusher pulls it back
    server_mark jsonb := jsonb_build_array(v, me, NULL);
    rewritten text[] := '{}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cd.synced_entity s WHERE s.entity = e) THEN
        RAISE EXCEPTION 'unknown entity "%"', e USING ERRCODE = '22023';
    END IF;
    IF rid IS NULL OR f IS NULL OR jsonb_typeof(f) <> 'object' THEN
        RAISE EXCEPTION 'malformed op %', op->>'op_id' USING ERRCODE = '22023';
    END IF;
    FOR stamp IN SELECT s.field, s.stamp_on FROM cd.stamped_field s WHERE s.entity = e LOOP
        IF f ? stamp.field AND (stamp.stamp_on = 'create' OR jsonb_typeof(f->stamp.field) <> 'null') THEN
            IF f->stamp.field IS DISTINCT FROM to_jsonb(me) THEN
                rewritten := rewritten || stamp.field::text;
            END IF;
            f := jsonb_set(f, ARRAY[stamp.field], to_jsonb(me));
        END IF;
    END LOOP;

    SELECT * INTO r FROM cd.row x WHERE x.project_id = p_project AND x.entity = e AND x.id = rid FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO cd.row (project_id, entity, id, fields, created_mark, field_versions, row_version, author)
            VALUES (p_project, e, rid, f, mark,
                    (SELECT coalesce(jsonb_object_agg(k2, server_mark), '{}') FROM unnest(rewritten) k2),
                    v, session_user);
        RETURN false;
    END IF;

    wanted := ARRAY(SELECT jsonb_array_elements_text(op->'changed'));
    IF '*' = ANY (wanted) THEN
        wanted := ARRAY(SELECT jsonb_object_keys(f));
    END IF;
    del := (SELECT d.field FROM cd.deletion_field d WHERE d.entity = e);
    FOREACH k IN ARRAY wanted LOOP
        CONTINUE WHEN NOT f ? k;
        CONTINUE WHEN EXISTS (SELECT 1 FROM cd.stamped_field s
                              WHERE s.entity = e AND s.field = k AND s.stamp_on = 'create');
        CONTINUE WHEN EXISTS (SELECT 1 FROM cd.bookkeeping_field b WHERE b.entity = e AND b.field = k);
        CONTINUE WHEN r.fields->k IS NOT DISTINCT FROM f->k;
        -- two deletions of one row agree, whenever each happened
        CONTINUE WHEN k = del AND jsonb_typeof(r.fields->k) <> 'null' AND jsonb_typeof(f->k) <> 'null';
        IF cd.changed_by_other(r, k, base, me, p_device) THEN
            conflicted := conflicted || k;
        ELSE
            applied := applied || k;
        END IF;
    END LOOP;

    IF del IS NOT NULL THEN
        IF del = ANY (applied) AND jsonb_typeof(f->del) <> 'null' AND EXISTS (
            SELECT 1 FROM jsonb_object_keys(r.fields) key
            WHERE key <> del AND cd.changed_by_other(r, key, base, me, p_device)
              AND NOT EXISTS (SELECT 1 FROM cd.bookkeeping_field b WHERE b.entity = e AND b.field = key))
        THEN
            -- deleting a row that someone else edited since our base
            applied := array_remove(applied, del);
            conflicted := conflicted || del;
        ELSIF jsonb_typeof(r.fields->del) <> 'null' AND NOT del = ANY (applied)
              AND cd.changed_by_other(r, del, base, me, p_device) AND cardinality(applied) > 0 THEN
            -- editing a row that someone else deleted since our base
            conflicted := conflicted || applied;
            applied := '{}';
        END IF;
    END IF;

    IF cardinality(applied) > 0 THEN
        applied := applied || ARRAY(SELECT b.field FROM cd.bookkeeping_field b
                                    WHERE b.entity = e AND f ? b.field
                                      AND r.fields->b.field IS DISTINCT FROM f->b.field);
    END IF;
    IF cardinality(conflicted) > 0 THEN
        PERFORM cd.record_conflict(r, op, f, conflicted, base, me, v);
    END IF;
    INSERT INTO cd.field_history (project_id, entity, id, field, old_value, old_version, replaced_at, author)
        SELECT p_project, e, rid, k2, r.fields->k2, (cd.mark(r, k2)->>0)::bigint, v, session_user
        FROM unnest(applied) k2;
    -- The row moves to this version even when nothing in it changed or every field conflicted:
    -- the analyst who pushed may have passed over its newer version while this op was waiting,
    -- and pulls it again now, as the server has it.
    UPDATE cd.row x SET
        fields = x.fields || (SELECT coalesce(jsonb_object_agg(k2, f->k2), '{}') FROM unnest(applied) k2),
        field_versions = x.field_versions
            || (SELECT coalesce(jsonb_object_agg(k2, CASE WHEN k2 = ANY (rewritten)
                                                          THEN server_mark ELSE mark END), '{}')
                FROM unnest(applied) k2),
        row_version = v,
        author = CASE WHEN cardinality(applied) > 0 THEN session_user ELSE x.author END
    WHERE x.project_id = p_project AND x.entity = e AND x.id = rid;
    RETURN cardinality(conflicted) > 0;
END $$;

CREATE FUNCTION cd.record_conflict(r cd.row, op jsonb, f jsonb, conflicted text[], base bigint,
                                   me text, v bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    fields jsonb;
BEGIN
    fields := jsonb_build_object(
        'id', op->>'op_id',
        'entity', r.entity,
        'entity_id', r.id,
        'fields', to_jsonb(conflicted)::text,
        'base_json', (SELECT jsonb_object_agg(k, cd.value_at(r, k, base)) FROM unnest(conflicted) k)::text,
        'ours_json', (SELECT jsonb_object_agg(k, f->k) FROM unnest(conflicted) k)::text,
        'theirs_json', (SELECT jsonb_object_agg(k, r.fields->k) FROM unnest(conflicted) k)::text,
        'our_author', me,
        'their_author', (SELECT cd.mark(r, k)->>1 FROM unnest(conflicted) k
                         WHERE cd.mark(r, k)->>1 IS NOT NULL LIMIT 1),
        'found_at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'resolution', NULL, 'resolver_id', NULL, 'resolved_at', NULL);
    INSERT INTO cd.row (project_id, entity, id, fields, created_mark, field_versions, row_version, author)
        VALUES (r.project_id, 'sync_conflict', op->>'op_id', fields, jsonb_build_array(v, me, NULL),
                '{}', v, session_user);
END $$;

-- A batch made only of rows the server has never seen, each once, none applied before (a first
-- sync): stored in three set-wise statements rather than op by op, at the same versions, stamps
-- and marks the op-by-op path would give. Returns false, having written nothing, when the batch
-- cannot be such a batch; raises unique_violation when it turns out not to be one (an op applied
-- before, a row that exists), which the caller undoes.
CREATE FUNCTION cd.push_new_rows(p_project uuid, p_device uuid, me text, v bigint, p_ops jsonb)
    RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n bigint := jsonb_array_length(p_ops);
    candidate boolean;
    stamps jsonb;  -- {entity: {field: stamp_on}}: read once, not looked up row by row
BEGIN
    -- Ops based on no server version, on distinct rows of synced entities. Whether an op was
    -- applied before or a row exists is left to the primary keys below (plain inserts, which
    -- cost half an upsert's): a lookup per op here is planned through the row-level policy,
    -- and without fresh statistics the planner read every row of the project for each op.
    SELECT count(DISTINCT (x->>'entity', x->>'id')) = n
       AND bool_and(jsonb_typeof(x->'fields') = 'object' AND x->>'id' IS NOT NULL
                    AND coalesce((x->>'base')::bigint, 0) = 0
                    AND x->>'entity' IN (SELECT s.entity FROM cd.synced_entity s))
    INTO candidate FROM jsonb_array_elements(p_ops) x;
    IF NOT coalesce(candidate, false) THEN
        RETURN false;
    END IF;
    INSERT INTO cd.applied_ops (op_id, project_id, author, device, entity, entity_id, base, version)
        SELECT (x->>'op_id')::uuid, p_project, session_user, p_device, x->>'entity', x->>'id',
               0, v + ord
        FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS t(x, ord);
    SELECT jsonb_object_agg(entity, fields) INTO stamps
        FROM (SELECT s.entity, jsonb_object_agg(s.field, s.stamp_on) AS fields
              FROM cd.stamped_field s GROUP BY s.entity) by_entity;
    -- Rows of entities without stamped fields (history: half of a first sync) as sent.
    INSERT INTO cd.row (project_id, entity, id, fields, created_mark, field_versions, row_version, author)
        SELECT p_project, x->>'entity', x->>'id', x->'fields',
               jsonb_build_array(v + ord, me, p_device), '{}', v + ord, session_user
        FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS t(x, ord)
        WHERE NOT coalesce(stamps ? (x->>'entity'), false);
    INSERT INTO cd.row (project_id, entity, id, fields, created_mark, field_versions, row_version, author)
        SELECT p_project, x->>'entity', x->>'id', stamped.f,
               jsonb_build_array(v + ord, me, p_device),
               (SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(v + ord, me, NULL)), '{}')
                FROM unnest(stamped.rewritten) k),
               v + ord, session_user
        FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS t(x, ord)
        CROSS JOIN LATERAL (
            SELECT (x->'fields') || coalesce(jsonb_object_agg(s.field, to_jsonb(me)), '{}') AS f,
                   coalesce(array_agg(s.field) FILTER (WHERE x->'fields'->s.field IS DISTINCT FROM to_jsonb(me)),
                            '{}') AS rewritten
            FROM jsonb_each_text(stamps->(x->>'entity')) AS s(field, stamp_on)
            WHERE x->'fields' ? s.field
              AND (s.stamp_on = 'create' OR jsonb_typeof(x->'fields'->s.field) <> 'null')) stamped
        WHERE stamps ? (x->>'entity');
    RETURN true;
END $$;

-- Push: apply a batch of ops once each, in order, at consecutive versions of the project.
-- The project row stays locked until commit, so versions have no gaps and become visible in
-- order: a pull never skips a lower version that commits later.
CREATE FUNCTION cd.push(p_project uuid, p_device uuid, p_ops jsonb)
    RETURNS TABLE (op_id uuid, version bigint, applied boolean, conflict boolean)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v bigint;
    op jsonb;
    n int;
    me text;
BEGIN
    PERFORM cd.member_project(p_project);
    SELECT a.annotator_id INTO me FROM cd.analyst a WHERE a.role = session_user;
    IF me IS NULL THEN
        RAISE EXCEPTION 'join the project before pushing to it' USING ERRCODE = 'CD002';
    END IF;
    SELECT p.version INTO v FROM cd.project p WHERE p.id = p_project FOR UPDATE;
    BEGIN
        IF cd.push_new_rows(p_project, p_device, me, v, p_ops) THEN
            RETURN QUERY SELECT (x->>'op_id')::uuid, v + ord, true, false
                         FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS t(x, ord);
            UPDATE cd.project p SET version = v + jsonb_array_length(p_ops) WHERE p.id = p_project;
            RETURN;
        END IF;
    EXCEPTION WHEN unique_violation THEN
        NULL;  -- undone with its subtransaction; go op by op
    END;
    FOR op IN SELECT x FROM jsonb_array_elements(p_ops) x LOOP
        INSERT INTO cd.applied_ops AS a (op_id, project_id, author, device, entity, entity_id, base, version)
            VALUES ((op->>'op_id')::uuid, p_project, session_user, p_device, op->>'entity',
                    op->>'id', coalesce((op->>'base')::bigint, 0), v + 1)
            ON CONFLICT ON CONSTRAINT applied_ops_pkey DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        op_id := (op->>'op_id')::uuid;
        IF n = 0 THEN
            version := NULL; applied := false; conflict := false;
            RETURN NEXT;
            CONTINUE;
        END IF;
        v := v + 1;
        conflict := cd.apply_op(p_project, p_device, me, v, op);
        IF conflict THEN
            UPDATE cd.applied_ops a SET conflict = true WHERE a.op_id = (op->>'op_id')::uuid;
        END IF;
        version := v; applied := true;
        RETURN NEXT;
    END LOOP;
    UPDATE cd.project p SET version = v WHERE p.id = p_project;
END $$;

-- Pull: rows changed after `p_cursor` by anyone but `p_device`, oldest change first, from the
-- next `p_limit` changes (never splitting the rows of one version, which share a transaction),
-- and the cursor to go on from: the last version looked at, or the project's version once
-- nothing is left. A row whose every field was last set by `p_device` is not sent: that device
-- has it (a row it changed again since is one it does not apply anyway), and a stretch of such
-- changes is passed over at once (after a first push, all of them). The rows come as one JSON
-- array (`json`, written as it is built), so that the cursor comes with them from the same
-- snapshot.
CREATE FUNCTION cd.pull(p_project uuid, p_device uuid, p_cursor bigint, p_limit int,
                        OUT rows json, OUT next_cursor bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    looked_from bigint;
    last_looked bigint;
    project_version bigint;
BEGIN
    PERFORM cd.member_project(p_project);
    SELECT p.version INTO project_version FROM cd.project p WHERE p.id = p_project;
    SELECT min(r.row_version) - 1 INTO looked_from FROM cd.row r
    WHERE r.project_id = p_project AND r.row_version > p_cursor
      AND r.sole_device IS DISTINCT FROM p_device::text;
    IF looked_from IS NULL THEN
        rows := '[]';
        next_cursor := greatest(p_cursor, project_version);
        RETURN;
    END IF;
    -- The versions to look at: the next `p_limit` changes, whoever made them.
    SELECT max(page.row_version) INTO last_looked FROM (
        SELECT r.row_version FROM cd.row r
        WHERE r.project_id = p_project AND r.row_version > looked_from
        ORDER BY r.row_version LIMIT greatest(p_limit, 1)) page;
    SELECT coalesce(json_agg(json_build_object('entity', r.entity, 'id', r.id,
                                               'fields', r.fields, 'version', r.row_version)
                             ORDER BY r.row_version, r.entity, r.id), '[]')
    INTO rows
    FROM cd.row r
    WHERE r.project_id = p_project AND r.row_version > looked_from AND r.row_version <= last_looked
      AND r.sole_device IS DISTINCT FROM p_device::text;
    next_cursor := last_looked;
END $$;

-- How many versions a pull from `p_cursor` has to go through: for progress.
CREATE FUNCTION cd.pull_remaining(p_project uuid, p_cursor bigint, OUT remaining bigint, OUT version bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM cd.member_project(p_project);
    SELECT p.version INTO version FROM cd.project p WHERE p.id = p_project;
    remaining := greatest(version - p_cursor, 0);
END $$;

RESET ROLE;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cd FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cd.server_info(), cd.join_project(text, text, text),
    cd.push(uuid, uuid, jsonb), cd.pull(uuid, uuid, bigint, int), cd.pull_remaining(uuid, bigint)
    TO cd_analyst;
