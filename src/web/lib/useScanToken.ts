import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Where a signed QR code leads (a volunteer activity, a party meeting): reads the token `t` from the URL
 * and sends it exactly once, even when React runs the effect twice. Returns the token ('' when missing).
 */
export function useScanToken(send: (token: string) => void): string {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const sent = useRef(false);
  useEffect(() => {
    if (!sent.current && token) {
      sent.current = true;
      send(token);
    }
  }, [token, send]);
  return token;
}
