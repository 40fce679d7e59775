"""QR codes for printed reports: a reader scans the code next to a practice example."""
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def qr_png(url: str) -> bytes:
    """A black-on-white PNG of ``url`` with the standard quiet zone.

    Medium error correction survives a smudged print; black on white scans best, so the
    house blue is deliberately not used here.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
