/**
 * A tiny XML well-formedness checker for the JUnit report: balanced tags, quoted attributes, only the
 * five predefined entities and character references, no raw `<` or `&` in text.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const s = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const decode = (t: string) => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(t)) throw new Error(`bad entity in ${JSON.stringify(t)}`);
    return t
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  };
  while (i < s.length) {
    const top = stack[stack.length - 1]!;
    if (s[i] === "<") {
      const end = s.indexOf(">", i);
      if (end < 0) throw new Error("unterminated tag");
      const tag = s.slice(i + 1, end);
      i = end + 1;
      if (tag.startsWith("/")) {
        const name = tag.slice(1).trim();
        if (top.name !== name) throw new Error(`mismatched </${name}>, open <${top.name}>`);
        stack.pop();
        continue;
      }
      const selfClosing = tag.endsWith("/");
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*$/.exec(body);
      if (!m) throw new Error(`malformed tag <${tag}>`);
      const attrs: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!);
      }
      const el: XmlElement = { name: m[1]!, attrs, children: [], text: "" };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    } else {
      const next = s.indexOf("<", i);
      const raw = s.slice(i, next < 0 ? s.length : next);
      top.text += decode(raw);
      i = next < 0 ? s.length : next;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error("exactly one root element expected");
  if (root.text.trim() !== "") throw new Error("text outside the root element");
  return elements[0]!;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    out.push(...findAll(c, name));
  }
  return out;
}
