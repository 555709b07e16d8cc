// The xAPI versions the LRS speaks (X-Experience-API-Version); what a statement may contain depends on it.
export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const
export type XapiVersion = (typeof SUPPORTED_VERSIONS)[number]
