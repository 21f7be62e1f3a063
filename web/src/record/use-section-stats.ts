// The long form's sections (from the schema) and, per section, how much is filled and how many fields are in error,
// for the section navigation. The same counts keep the same array, so a keystroke that changes none re-renders no
// navigation.
import { useMemo, useRef } from 'react';
import { sameOrNew } from '../form-validation';
import { sectionStats, sectionsOf } from './sections';

type Schema = Parameters<typeof sectionsOf>[0];

export function useSectionStats(
  schema: Schema | null,
  uiSchema: Record<string, any>,
  data: Record<string, unknown>,
  errorPointers: string[],
) {
  const sections = useMemo(() => (schema ? sectionsOf(schema, uiSchema) : []), [schema, uiSchema]);
  const statsRef = useRef<{ key: string; value: ReturnType<typeof sectionStats> } | null>(null);
  const stats = useMemo(() => {
    statsRef.current = sameOrNew(statsRef.current, schema ? sectionStats(sections, schema, uiSchema, data, errorPointers) : []);
    return statsRef.current.value;
  }, [sections, schema, uiSchema, data, errorPointers]);
  return { sections, stats };
}
