"""Build the house-style reference.docx for pandoc, reproducibly, from pandoc's own default.

Input: pandoc's default reference.docx. Output: bytes of a reference.docx with
house fonts and colours, A4 margins, a header (title, content version, date)
and a footer with page numbers, complete styles (pandoc's "Table" style is based
on a "TableNormal" it does not ship) and app properties without pandoc's stale
counts. Header tokens (`⟦#titel⟧` …) are filled per agreement after pandoc.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pypandoc

FONT = "Arial"
HEADING_COLOUR = "1F3A5F"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"

_RUN = '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
_FIELD = (
    '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:instrText xml:space="preserve"> {} </w:instrText></w:r>'
    '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
)
HEADER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
    + _RUN.format("⟦#titel⟧ · versie ⟦#versie⟧ · ⟦#datum⟧")
    + "</w:p></w:hdr>"
)
FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    + _RUN.format("Pagina ")
    + _FIELD.format("PAGE")
    + _RUN.format(" van ")
    + _FIELD.format("NUMPAGES")
    + "</w:p></w:ftr>"
)
# Word's own base table style, which pandoc's "Table" names as its basis; it becomes the one default.
TABLE_NORMAL = (
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><Application>Wat moet en wat mag</Application>"
    "<DocSecurity>0</DocSecurity></Properties>"
)
SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdWmwmHeader"/>'
    '<w:footerReference w:type="default" r:id="rIdWmwmFooter"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/>'
    "</w:sectPr>"
)


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    return subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout


def build_reference() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(default_reference()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = _styles(data.decode()).encode()
            elif info.filename == "docProps/app.xml":
                data = APP_XML.encode()
            elif info.filename == "word/document.xml":
                data = re.sub(r"<w:sectPr>.*?</w:sectPr>", SECTION, data.decode(), flags=re.S).encode()
                if b'xmlns:r="' not in data:
                    data = data.replace(b"<w:document ", f'<w:document xmlns:r="{R_NS}" '.encode(), 1)
            elif info.filename == "word/_rels/document.xml.rels":
                rels = (
                    f'<Relationship Type="{HEADER_TYPE}" Id="rIdWmwmHeader" Target="header1.xml" />'
                    f'<Relationship Type="{FOOTER_TYPE}" Id="rIdWmwmFooter" Target="footer1.xml" />'
                )
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                types = (
                    '<Override PartName="/word/header1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                    '<Override PartName="/word/footer1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
                )
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            target.writestr(_fixed(info), data)
        target.writestr(_fixed(zipfile.ZipInfo("word/header1.xml")), HEADER)
        target.writestr(_fixed(zipfile.ZipInfo("word/footer1.xml")), FOOTER)
    return out.getvalue()


def _fixed(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """Same timestamp every time, so the file (and its hash) is reproducible."""
    fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
    fixed.compress_type = zipfile.ZIP_DEFLATED
    return fixed


def _styles(xml: str) -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    xml = re.sub(r"<w:rFonts [^>]*/>", fonts, xml)
    xml = re.sub(r'<w:color w:val="[0-9A-Fa-f]{6}"\s*/>', f'<w:color w:val="{HEADING_COLOUR}"/>', xml)
    xml = re.sub(r'w:themeColor="[a-zA-Z0-9]+"', "", xml)
    xml = xml.replace(
        '<w:style w:type="table" w:default="1" w:styleId="Table">', '<w:style w:type="table" w:styleId="Table">'
    )
    return xml.replace("</w:styles>", TABLE_NORMAL + "</w:styles>")
