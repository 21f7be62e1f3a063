// The studio's pages, one lazily loaded chunk under the admin routes: #/admin/studio (drafts, new draft) and
// #/admin/studio/:draftId (the editor). Officers never load it: its editor (CodeMirror) comes only with it.
import { DraftEditor } from './DraftEditor';
import { DraftList } from './DraftList';

export function StudioRoutes({ route }: { route: string[] }) {
  const id = route[0] ?? null;
  return id ? <DraftEditor key={id} draftId={id} /> : <DraftList />;
}
