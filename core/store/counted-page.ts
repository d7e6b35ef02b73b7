import type { Sql, SqlParam } from '../ports/database.ts';

export interface CountedPageQuery {
  /** SELECT … AS n: how many rows match in all. */
  count: string;
  /** Further common table expressions the page reads (`name AS (…), …`), if any. */
  with?: string;
  /** SELECT of one page of rows, with its own ORDER BY and LIMIT. */
  page: string;
  /** The page's order again, over the columns of `page`: the join below keeps no order of its own. */
  order: string;
  /** A column of `page` that is never null: a row without it is the count's row when the page is empty. */
  key: string;
}

/**
 * One page of rows and how many match in all, in one statement: on a busy server each round trip costs more than
 * the planning and execution of either query (a third of an inbox request's CPU was writing queries to the socket).
 */
export async function countedPage<Row extends Record<string, unknown>>(
  sql: Sql,
  query: CountedPageQuery,
  params: readonly SqlParam[],
): Promise<{ rows: Row[]; total: number }> {
  const { rows } = await sql.query<Row & { counted_page_total: number }>(
    `WITH counted_page_total AS (${query.count}),${query.with ? ` ${query.with},` : ''} page AS (${query.page})
     SELECT counted_page_total.n AS counted_page_total, page.* FROM counted_page_total LEFT JOIN page ON true
     ORDER BY ${query.order}`,
    params,
  );
  return { rows: rows.filter((row) => row[query.key] !== null), total: rows[0]?.counted_page_total ?? 0 };
}
