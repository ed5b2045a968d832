import { useEffect } from 'react';

const badge = /^\(\d+\) /;

/** Prefixes the tab title with "(n) " while n > 0, and keeps it there if the page renames the tab. */
export function useTitleBadge(count: number): void {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(badge, '');
      const wanted = count > 0 ? `(${count}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    if (count === 0) return;
    const title = document.querySelector('title');
    const observer = new MutationObserver(apply);
    if (title) observer.observe(title, { childList: true, characterData: true, subtree: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(badge, '');
    };
  }, [count]);
}
