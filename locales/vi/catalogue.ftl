# Danh mục thủ tục: tìm kiếm và trang thủ tục.

catalog-search-label = Người dân cần làm thủ tục gì?
catalog-search-placeholder = Ví dụ: đổi bằng lái, nhập khẩu cho con, sang tên sổ đỏ…
catalog-search-hint = Gõ có dấu hay không dấu đều được.
catalog-no-results = Không tìm thấy thủ tục phù hợp với “{ $query }”. Hãy thử từ khác, ví dụ tên giấy tờ người dân cần.
catalog-results-count = { $count ->
    [0] Không có kết quả
   *[other] { $count } kết quả
}
catalog-essential = Dịch vụ công thiết yếu
catalog-back = ← Quay lại tìm kiếm

procedure-documents = Thành phần hồ sơ
procedure-documents-hint = Đánh dấu giấy tờ người dân đã có.
procedure-original = Bản chính
procedure-certified-copy = Bản sao chứng thực
procedure-original-or-copy = Bản chính hoặc bản sao
procedure-declaration = Tờ khai (điền trực tuyến)
procedure-count = Số lượng: { $count }
procedure-conditional = Chỉ khi cần
procedure-reusable = Cổng tự lấy từ cơ sở dữ liệu quốc gia, không cần tải lên
procedure-fees = Phí, lệ phí
procedure-fee-in-person = Nộp trực tiếp
procedure-fee-online = Nộp trực tuyến
procedure-fee-saving = Tiết kiệm { $amount } khi nộp trực tuyến
procedure-fees-none = Không mất lệ phí
procedure-fees-unknown = Chưa có thông tin về phí, lệ phí của thủ tục này (chưa kiểm chứng). Hãy xem trên dichvucong.gov.vn trước khi báo cho người dân.
procedure-exemptions = Trường hợp được miễn
procedure-time = Thời hạn giải quyết
procedure-vneid = Tài khoản VNeID cần có
procedure-vneid-level = Mức { $level }
procedure-vneid-none = Không bắt buộc
procedure-where = Nơi nộp và nhận kết quả
procedure-agency = Cơ quan giải quyết
procedure-channels = Nộp trực tuyến qua
procedure-channel-national-portal = Cổng Dịch vụ công quốc gia
procedure-channel-vneid = Ứng dụng VNeID
procedure-channel-provincial-portal = Cổng dịch vụ công của tỉnh
procedure-steps = Các bước nộp trực tuyến
procedure-legal = Căn cứ pháp lý
procedure-source = Nguồn: { $source }
procedure-verified-at = Kiểm tra lần cuối: { $date }
procedure-unverified = chưa xác minh
procedure-unverified-note = Thông tin đánh dấu “chưa xác minh” cần được kiểm tra trên dichvucong.gov.vn trước khi báo cho người dân.
procedure-online-only = Từ 1/10/2025 thủ tục này nộp trực tuyến. Nếu đến Trung tâm phục vụ hành chính công, cán bộ sẽ hướng dẫn nộp trực tuyến tại chỗ.

fee-free = Miễn phí
fee-amount = { $amount } đồng
fee-unverified = chưa xác minh

cli-catalog-installed = Đã cài gói danh mục { $pack } phiên bản { $version } ({ $count } thủ tục).
cli-catalog-already-installed = Gói danh mục { $pack } phiên bản { $version } đã được cài trước đó; không có gì thay đổi.
cli-catalog-no-results = Không tìm thấy thủ tục phù hợp.
cli-catalog-field = Lĩnh vực: { $value }
cli-catalog-agency = Cơ quan giải quyết: { $value }
cli-catalog-time = Thời hạn: { $value }
cli-catalog-where = Nơi nộp: { $value }
cli-catalog-vneid = Cần VNeID mức { $level }
cli-catalog-documents = Thành phần hồ sơ:
cli-catalog-fees = Lệ phí (trực tiếp / trực tuyến):
kiosk-search-label = Ông/bà cần làm thủ tục gì?
