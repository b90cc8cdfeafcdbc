'use client';
import { createContext, useContext, type ReactNode } from 'react';

export interface Selection {
  hovered: number | null;
  selected: number | null;
  /** Incidents that just arrived live (highlighted for a few seconds). */
  recent: ReadonlySet<number>;
  setHovered: (id: number | null) => void;
  select: (id: number | null) => void;
}

const SelectionContext = createContext<Selection>({
  hovered: null,
  selected: null,
  recent: new Set(),
  setHovered: () => {},
  select: () => {},
});

/** Shared by map and list so hover and selection highlight both ways. */
export function SelectionProvider({ value, children }: { value: Selection; children: ReactNode }) {
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export const useSelection = () => useContext(SelectionContext);
