import { createContext, useContext } from 'react';
import type { Ability, Me } from '../../lib/types';

/** The signed-in user, provided by RequireAuth to every page behind the login. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser used outside RequireAuth');
  return me;
}

export function useCan(): (ability: Ability) => boolean {
  const me = useCurrentUser();
  return (ability) => me.abilities.includes(ability);
}
