// While a view edits text (a `/` filter prompt), the root must not treat `:`, `?` or `q` as
// commands. A view calls useInputCapture(true) while its prompt is open.
import {createContext, useContext, useEffect} from 'react';

export const InputCaptureContext = createContext<(delta: number) => void>(() => {});

export function useInputCapture(capturing: boolean): void {
	const adjust = useContext(InputCaptureContext);
	useEffect(() => {
		if (!capturing) return;
		adjust(1);
		return () => adjust(-1);
	}, [capturing, adjust]);
}
