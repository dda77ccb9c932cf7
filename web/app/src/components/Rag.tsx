/** A RAG rating as a coloured badge that also says it in words: colour is never the only signal. */
export function Rag({ rag }: { rag: string | null | undefined }) {
  if (!rag) return <span className="rag rag-none">Not rated</span>;
  return (
    <span className={`rag rag-${rag.toLowerCase()}`}>{rag[0] + rag.slice(1).toLowerCase()}</span>
  );
}
