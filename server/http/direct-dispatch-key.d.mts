export declare const DIRECT_DISPATCH_KEY: 'frontierWatchDirectRoutes';
