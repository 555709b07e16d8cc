-- Statements already stored whose object is a StatementRef get the index entries new ones get when stored
-- (app/lib/xapi/store/statement-ref-index.server.ts): the target's verb, registration, agents and activities.
UPDATE xapi_statements SET
  ref_verb_id = (SELECT t.verb_id FROM xapi_statements t WHERE t.id = xapi_statements.object_statement_id),
  ref_registration = (SELECT t.registration FROM xapi_statements t WHERE t.id = xapi_statements.object_statement_id)
WHERE object_statement_id IS NOT NULL;
--> statement-breakpoint
INSERT INTO xapi_statement_agents (statement_seq, agent_key, relation)
SELECT r.seq, a.agent_key, 'ref:' || a.relation
FROM xapi_statements r
JOIN xapi_statements t ON t.id = r.object_statement_id
JOIN xapi_statement_agents a ON a.statement_seq = t.seq
WHERE a.relation NOT LIKE 'ref:%'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO xapi_statement_activities (statement_seq, activity_id, relation)
SELECT r.seq, a.activity_id, 'ref:' || a.relation
FROM xapi_statements r
JOIN xapi_statements t ON t.id = r.object_statement_id
JOIN xapi_statement_activities a ON a.statement_seq = t.seq
WHERE a.relation NOT LIKE 'ref:%'
ON CONFLICT DO NOTHING;
