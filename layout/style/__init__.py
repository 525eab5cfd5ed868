"""House styles: TOML files in styles/, read once (`loader`) into typed settings (`settings`)."""
from .loader import (STYLES_DIR, ad_sizes, load_style, load_style_table, page_file_name,
                     style_path, word_list)
from .settings import (MM, NEWSPRINT_PROFILE, PROFILES_DIR, SLUG, CarryStyle, Colors,
                       Composition, Frame, Furniture, MakeUpSettings, PrintSettings, Rules,
                       Style, TypeSpec)

__all__ = ["STYLES_DIR", "ad_sizes", "load_style", "load_style_table", "page_file_name",
           "style_path", "word_list", "MM", "NEWSPRINT_PROFILE", "PROFILES_DIR", "SLUG",
           "CarryStyle", "Colors", "Composition", "Frame", "Furniture", "MakeUpSettings",
           "PrintSettings", "Rules",
           "Style", "TypeSpec"]
