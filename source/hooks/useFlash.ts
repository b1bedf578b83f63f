// A short message that disappears by itself (errors stay longer).
import {useCallback, useEffect, useState} from 'react';
import type {FlashLevel} from '../app-context.js';

export interface FlashMessage {
	message: string;
	level: FlashLevel;
	path?: string;
}

const SHOW_MS: Record<FlashLevel, number> = {info: 3000, warn: 5000, error: 8000};

export function useFlash(): [FlashMessage | undefined, (message: string, level?: FlashLevel, path?: string) => void] {
	const [flash, setFlash] = useState<FlashMessage>();
	const show = useCallback((message: string, level: FlashLevel = 'info', path?: string) => setFlash({message, level, path}), []);
	useEffect(() => {
		if (!flash) return;
		const timer = setTimeout(() => setFlash(current => (current === flash ? undefined : current)), SHOW_MS[flash.level]);
		return () => clearTimeout(timer);
	}, [flash]);
	return [flash, show];
}
