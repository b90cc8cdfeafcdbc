export declare const REQUEST_ID_HEADER: 'x-request-id';
export declare function requestId(incoming: string | string[] | null | undefined): string;
