import type { TagList, TeammateList, WorkspaceTeamList } from '@frontdesk/api-types';
import { useApiGet } from '../../api/use-api-get.ts';
import type { MacroOptions } from './macro-drafts.ts';

/** The tags, teams and teammates a macro can name, loaded together. */
export function useMacroOptions(): { options: MacroOptions | undefined; loading: boolean; error: string | undefined; reload: () => void } {
  const tags = useApiGet<TagList>('/tags');
  const teams = useApiGet<WorkspaceTeamList>('/teams');
  const teammates = useApiGet<TeammateList>('/teammates');
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const options =
    tags.data && teams.data && teammates.data
      ? {
          tags: byName(tags.data.tags.map(({ id, name }) => ({ id, name }))),
          teams: byName(teams.data.teams.map(({ id, name }) => ({ id, name }))),
          teammates: byName(teammates.data.teammates.map(({ id, name }) => ({ id, name }))),
        }
      : undefined;
  return {
    options,
    loading: tags.loading || teams.loading || teammates.loading,
    error: tags.error ?? teams.error ?? teammates.error,
    reload: () => {
      if (tags.error) tags.reload();
      if (teams.error) teams.reload();
      if (teammates.error) teammates.reload();
    },
  };
}
