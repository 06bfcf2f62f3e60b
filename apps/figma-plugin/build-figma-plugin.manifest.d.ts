type NetworkAccess = { allowedDomains: string[]; devAllowedDomains?: string[]; reasoning: string }

export default function overrideManifest<M extends object>(
  manifest: M,
): M & { networkAccess: NetworkAccess }
