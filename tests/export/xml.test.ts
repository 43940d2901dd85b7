import { describe, expect, it } from 'vitest';
import { dropForbiddenXmlChars, escapeXmlAttribute, escapeXmlText, xmlIds, XmlWriter } from '../../src/export/xml.js';
import { parseColor } from '../../src/export/color.js';
import { exportGexf, exportGraph } from '../../src/export/index.js';
import { NewsgraphError } from '../../src/errors.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

describe('XML text', () => {
  it('drops exactly the characters XML 1.0 forbids', () => {
    expect(dropForbiddenXmlChars('a\u0000b\u0008c\u000bd\u000ce\u001ff\tg\nh\ri')).toBe('abcdef\tg\nh\ri');
    expect(dropForbiddenXmlChars('x\uFFFEy\uFFFFz\uFFFD')).toBe('xyz\uFFFD');
    expect(dropForbiddenXmlChars('\uD83D\uDE00 ok \uD83D alone \uDE00')).toBe('\uD83D\uDE00 ok  alone ');
    expect(dropForbiddenXmlChars('\u0085\u200F\u202E')).toBe('\u0085\u200F\u202E');
  });

  it('escapes markup, and line breaks in attributes', () => {
    expect(escapeXmlAttribute(`<a href="x">'&'</a>\t\n\r`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;&#9;&#10;&#13;');
    expect(escapeXmlText('a < b && c > d\r\n"quoted"')).toBe('a &lt; b &amp;&amp; c &gt; d&#13;\n"quoted"');
  });

  it('refuses ids that collide once forbidden characters are dropped', () => {
    expect(() => xmlIds(['a\u0001b', 'ab'], 'gexf')).toThrow(NewsgraphError);
    expect(() => xmlIds(['a\u0001b', 'ab'], 'gexf')).toThrow(/gexf: keys "a\\u0001b" and "ab" become the same id/);
    expect(xmlIds(['a', 'b'], 'gexf').get('a')).toBe('a');
  });

  it('checks that every element is closed', () => {
    const w = new XmlWriter('');
    w.open('a');
    expect(() => w.toString()).toThrow(/unclosed element <a>/);
    expect(new XmlWriter('').empty('b', [['x', 'y'], ['skip', undefined]]).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><b x="y"/>\n');
  });
});

describe('colours', () => {
  it('reads hex and rgb() colours, and nothing else', () => {
    expect(parseColor('#e15759')).toEqual({ r: 225, g: 87, b: 89 });
    expect(parseColor('#fa0')).toEqual({ r: 255, g: 170, b: 0 });
    expect(parseColor('#ff000080')).toEqual({ r: 255, g: 0, b: 0, a: 0.502 });
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(parseColor('rgb(300,0,0)')).toBeUndefined();
    expect(parseColor('red')).toBeUndefined();
  });
});

describe('exportGraph', () => {
  it('dispatches on the format and passes options through', () => {
    const graph = smallNewsGraph();
    expect(exportGraph(graph, 'gexf', { dynamic: false })).toEqual({ kind: 'single', text: exportGexf(graph, { dynamic: false }) });
    const csv = exportGraph(graph, 'csv');
    expect(csv.kind).toBe('tables');
    expect(Object.keys(csv.kind === 'tables' ? csv.files : {})).toEqual(['nodes', 'edges']);
    expect(() => exportGraph(graph, 'pdf' as never)).toThrow(/unknown format "pdf"/);
  });
});
