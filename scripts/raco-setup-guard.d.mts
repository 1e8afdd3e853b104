/** Types of raco-setup-guard.mjs (see there). */
export declare const SANDBOX_USER: string;
export declare function checkRacoSetupArgs(args: readonly string[]): void;
export declare function isRoot(): boolean;
export declare function sandboxArgv(command: string, args: readonly string[], env: Readonly<Record<string, string>>, asUser: boolean): string[];
export declare function whyNoRacoSetupSandbox(): string | undefined;
