// A ledger as WPS Office (Kingsoft) saves it, written part by part because exceljs would write it the Excel way:
// docProps/app.xml says "WPS 表格" with a KSOProductBuildVer in docProps/custom.xml; shared strings with rich-text
// runs (<r><rPr/><t>…</t></r>) and a <phoneticPr> after them; inline strings (t="inlineStr") whose text is split
// into runs; formula results typed t="str" and untyped numeric ones; dates stored as serial numbers under a custom
// numFmt 年月日 (176) and under the built-in zh-CN one (31) WPS leaves undeclared; column widths, a frozen header,
// a merged title and a sheet named in Chinese. 20 records of the Guangzhou application, as the other ledgers.
import { buildZip } from '../../spreadsheets/zip-builder';
import { HEADERS, RECORDS, storedRecord } from './ledger-fixtures';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (i: number) => String.fromCharCode(65 + i);
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Shared strings: plain, or in rich-text runs the way WPS splits a bold prefix from the rest. */
class Strings {
  list: string[] = [];
  index(s: string): number {
    const i = this.list.indexOf(s);
    return i >= 0 ? i : this.list.push(s) - 1;
  }
  xml(): string {
    const si = this.list.map((s) => {
      const phonetic = '<phoneticPr fontId="1" type="noConversion"/>';
      if (s.length < 6) return `<si><t>${esc(s)}</t>${phonetic}</si>`;
      const head = s.slice(0, 3);
      const rest = s.slice(3);
      const rPr = '<rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="宋体"/><charset val="134"/></rPr>';
      return `<si><r>${rPr}<t>${esc(head)}</t></r><r><rPr><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${esc(rest)}</t></r>${phonetic}</si>`;
    });
    return `${XML}<sst xmlns="${MAIN}" count="${si.length}" uniqueCount="${si.length}">${si.join('')}</sst>`;
  }
}

const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts><fonts count="2"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font><font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" builtinId="0"/></cellStyles></styleSheet>`;

// Excel's serial day number of 2019-03-n (1900 date system: 2019-03-01 is 43525).
const serial = (n: number) => 43524 + n;

/** One record's row: every cell written in one of the ways WPS writes cells. */
function recordRow(r: number, base: number, n: number, strings: Strings): string {
  const s = storedRecord(base, n);
  const c = (i: number, body: string, attrs = '') => `<c r="${col(i)}${r}"${attrs}>${body}</c>`;
  const shared = (i: number, text: string) => c(i, `<v>${strings.index(text)}</v>`, ' t="s"');
  const name = s.name;
  const cells = [
    c(0, `<f>ROW()-3</f><v>${n}</v>`), // 序号 as a formula, numeric result
    shared(1, '农民合作社'),
    // The name inline, split into two runs: the reader must join them, not keep the last.
    c(2, `<is><r><t>${esc(name.slice(0, 5))}</t></r><r><t xml:space="preserve">${esc(name.slice(5))}</t></r></is>`, ' t="inlineStr"'),
    c(3, `<is><t>${s.creditCode}</t></is>`, ' s="4" t="inlineStr"'),
    c(4, '<f>&quot;天河区&quot;</f><v>天河区</v>', ' t="str"'), // a formula whose result is text
    shared(5, s.legalRepresentative.name),
    c(6, `<v>${s.legalRepresentative.mobile}</v>`), // the phone as a number, as WPS keeps 11 digits
    c(7, `<v>${serial(n)}</v>`, n % 2 ? ' s="2"' : ' s="3"'), // custom 176 on odd rows, built-in 31 on even
    c(8, `<v>${s.membership.memberCount}</v>`),
    c(9, `<f>I${r}-${15}</f><v>${s.membership.contributingMembers}</v>`), // 出资成员数 = 成员总数 − 15
    c(10, `<v>${s.membership.memberCapital}</v>`),
    shared(11, s.isDistrictDemonstration ? '是' : '否'),
  ];
  return `<row r="${r}" spans="1:12" ht="18" customHeight="1">${cells.join('')}</row>`;
}

function sheetXml(base: number, strings: Strings): string {
  const title = `<row r="1" spans="1:12" ht="27" customHeight="1"><c r="A1" s="1" t="s"><v>${strings.index('2024年天河区农民合作社示范社申报台账')}</v></c></row>`;
  const unit = `<row r="2" spans="1:12"><c r="A2" t="s"><v>${strings.index('填报单位:天河区农业农村局')}</v></c><c r="H2" t="s"><v>${strings.index('填报日期:2024年5月6日')}</v></c></row>`;
  const head = `<row r="3" spans="1:12">${HEADERS.map((h, i) => `<c r="${col(i)}3" t="s"><v>${strings.index(h)}</v></c>`).join('')}</row>`;
  const rows = Array.from({ length: RECORDS }, (_, i) => recordRow(4 + i, base, i + 1, strings));
  const widths = [5.5, 12.75, 30.25, 22.5, 9, 9, 14.5, 16.375, 10, 10, 14, 12];
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr/><dimension ref="A1:L${3 + RECORDS}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="C5" sqref="C5"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="0"/><cols>${cols}</cols>` +
    `<sheetData>${title}${unit}${head}${rows.join('')}</sheetData>` +
    `<mergeCells count="2"><mergeCell ref="A1:L1"/><mergeCell ref="A2:E2"/></mergeCells>` +
    `<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><headerFooter/></worksheet>`
  );
}

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`;
const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId4" Type="${REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>`;
const APP = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>WPS 表格</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>示范社申报</vt:lpstr></vt:vector></TitlesOfParts></Properties>`;
const CORE = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Kingsoft</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T08:00:00Z</dcterms:created></cp:coreProperties>`;
const CUSTOM = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16729</vt:lpwstr></property></Properties>`;
const WORKBOOK = `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><fileVersion appName="xl"/><bookViews><workbookView windowWidth="28800" windowHeight="12450"/></bookViews><sheets><sheet name="示范社申报" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="144525"/></workbook>`;
const WORKBOOK_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** The .xlsx bytes of a WPS-saved ledger of 20 records base+1 … base+20. */
export function wpsLedgerBytes(base: number): Buffer {
  const strings = new Strings();
  const sheet = sheetXml(base, strings); // fills the shared strings
  const part = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });
  return buildZip([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', ROOT_RELS),
    part('docProps/app.xml', APP),
    part('docProps/core.xml', CORE),
    part('docProps/custom.xml', CUSTOM),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    part('xl/worksheets/sheet1.xml', sheet),
    part('xl/styles.xml', STYLES),
    part('xl/sharedStrings.xml', strings.xml()),
  ]);
}
