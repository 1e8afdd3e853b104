// The parallel builder (issue 4) is not written yet; this entry keeps the package buildable.
export {};
