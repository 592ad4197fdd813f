import { ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * A page's heading and title. After client-side navigation, focus moves to the heading so a
 * screen reader announces the new page (not on first load: the browser handles that).
 */
let firstPage = true;

export function Page({
  title,
  children,
  heading,
}: {
  title: string;
  heading?: ReactNode;
  children: ReactNode;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = `${title} · Evidence explorer`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    if (!window.location.hash) h1.current?.focus();
  }, [pathname]);
  return (
    <>
      <h1 ref={h1} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
