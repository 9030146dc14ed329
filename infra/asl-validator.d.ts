/** The part of asl-validator (CommonJS, no bundled types) that the catalog checks use. */
declare module 'asl-validator' {
  interface AslValidation {
    isValid: boolean;
    errors: { message: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(definition: object, options?: { checkArn?: boolean; checkPaths?: boolean }): AslValidation;
}
