import { ref } from 'vue';
import { departments, type Department } from '../../api/resources.ts';
import { localName } from '../../i18n/local-name.ts';

const directory = ref<Map<string, Department>>(new Map());
let loading: Promise<void> | null = null;

/** Department names for showing ids; fetched once per page load, and an id is shown as is until they arrive. */
export function useDepartmentNames(): (id: string | null) => string {
  loading ??= departments
    .list()
    .then((list) => {
      directory.value = new Map(list.map((d) => [d.id, d]));
    })
    .catch(() => {
      // Names are a nicety here: the ids still say which department it is, and the next page tries again.
      loading = null;
    });
  return (id) => {
    if (!id) return '—';
    const found = directory.value.get(id);
    return found ? localName(found) : id;
  };
}
