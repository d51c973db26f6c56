import {
  errorMessages,
  type ApiErrorBody,
  type ChannelName,
  type Input,
  type Output,
  type WelfareApi,
} from '../../../shared/contract';
import { bridgeToken, createHttpBridge } from './bridge';

function resolveApi(): WelfareApi {
  if (window.api) return window.api;
  const token = bridgeToken(document);
  if (token) return createHttpBridge(token);
  throw new Error('welfare api unavailable');
}

export const api: WelfareApi = resolveApi();

/** An envelope error, thrown so react-query and forms can handle it like any failure. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message || errorMessages[body.code]);
    this.name = 'ApiError';
  }
  get code() {
    return this.body.code;
  }
}

export async function call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : errorMessages.INTERNAL;
}
