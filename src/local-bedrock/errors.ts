/**
 * Errors in Amazon Bedrock's shape: an HTTP status, the `x-amzn-ErrorType` header and a
 * JSON body `{"message": …}`. The AWS SDK reads the header and raises its own exception
 * class (`ThrottlingException`, `ValidationException`, …), exactly as with real Bedrock.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 */
export const ERROR_STATUS = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  /** The client did not send its request in time (the endpoint's header and request timeouts). */
  RequestTimeoutException: 408,
  ThrottlingException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
} as const;

export type BedrockErrorType = keyof typeof ERROR_STATUS;

export class BedrockError extends Error {
  readonly status: number;
  /** `status` overrides the type's usual status (e.g. 413 for an oversized body, typed ValidationException). */
  constructor(
    readonly type: BedrockErrorType,
    message: string,
    status?: number,
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[type];
  }
}

/** Headers and body of an error response. */
export function errorResponse(error: BedrockError): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
    body: JSON.stringify({ message: error.message }),
  };
}
