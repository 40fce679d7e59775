"""Reading files people bring: CSV as Dutch Excel saves it, and spreadsheets.

- csv_files.py       the one CSV reader (separators, encodings, line-numbered errors)
- table_files.py     a CSV or .xlsx table as rows
- municipalities.py  the CBS municipalities with population (`flask init`)
"""
