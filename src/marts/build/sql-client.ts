/** The little of a pg.Client the build needs (one connection: the build is one transaction). */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}
