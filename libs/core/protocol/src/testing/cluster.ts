// Filled in by the foundation work: boots all workers in one miniflare.
export interface ClusterOptions {
  apps?: string[];
}
export interface Cluster {
  url: string;
  stop(): Promise<void>;
}
export async function startCluster(_options: ClusterOptions = {}): Promise<Cluster> {
  throw new Error('not implemented yet');
}
