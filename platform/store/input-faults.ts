// Which database errors a client's value caused, by SQLSTATE class, so the HTTP layer can answer 400 instead of 500
// when a value slipped past the checks at the edge (a NUL in a multipart field, a number beyond bigint …).
// Kept in the store: no other code knows PostgreSQL's error codes.
import pg from 'pg';

/** 'character': a text PostgreSQL cannot encode; 'value': any other data exception; 'complex': a program limit. */
export type InputFault = 'character' | 'value' | 'complex';

export function inputFaultOf(err: unknown): { fault: InputFault; sqlState: string } | null {
  if (!(err instanceof pg.DatabaseError) || typeof err.code !== 'string') return null;
  const sqlState = err.code;
  // 22021 character_not_in_repertoire, 22P05 untranslatable_character (\u0000 in jsonb).
  if (sqlState === '22021' || sqlState === '22P05') return { fault: 'character', sqlState };
  // Class 22 "data exception": 22P02 invalid_text_representation, 22001 too long, 22003 out of range, 22007 date …
  if (sqlState.startsWith('22')) return { fault: 'value', sqlState };
  // Class 54 "program limit exceeded": 54001 statement_too_complex (stack depth), 54000 index row too large …
  if (sqlState.startsWith('54')) return { fault: 'complex', sqlState };
  return null;
}
