# Giao diện chính của Gõ Cửa. Tiếng Việt là ngôn ngữ mặc định và chuẩn.

app-name = Gõ Cửa
app-tagline = Trợ lý dịch vụ công trực tuyến cho tổ công nghệ số cộng đồng
app-window-title = Gõ Cửa — hỗ trợ dịch vụ công

## Trạng thái kết nối tới cổng
connectivity-online = Trực tuyến
connectivity-offline = Ngoại tuyến
connectivity-incompatible = Cổng không tương thích
connectivity-checking = Đang kiểm tra kết nối…
connectivity-recheck = Kiểm tra lại
connectivity-portal = Cổng: { $url }
connectivity-online-hint = Đã kết nối với cổng. Hồ sơ trong hàng đợi sẽ được gửi đi.
connectivity-offline-hint = Không có kết nối tới cổng. Bạn vẫn làm việc bình thường: mọi thứ được lưu trên máy và tự gửi đi khi có mạng.
connectivity-incompatible-hint = Địa chỉ cổng trả lời nhưng không phải cổng Gõ Cửa (có thể là trang đăng nhập Wi-Fi). Hãy kiểm tra địa chỉ cổng trong phần Cài đặt.

## Ngôn ngữ
language-label = Ngôn ngữ
language-vi = Tiếng Việt
language-en = English

## Màn hình chính
home-welcome = Xin chào! Hôm nay bạn hỗ trợ người dân việc gì?
home-intro = Tìm đúng thủ tục, hướng dẫn cài đặt VNeID, điền hồ sơ ngay cả khi không có mạng, rồi gửi lên cổng đúng một lần khi có kết nối.
home-section-about = Thông tin ứng dụng

## Thông tin ứng dụng
about-version = Phiên bản
about-data-dir = Thư mục dữ liệu
about-schema = Phiên bản cơ sở dữ liệu
about-portal = Cổng dịch vụ công
about-portal-default = (mặc định: cổng thử nghiệm trên máy này)
portal-insecure-banner = CHỈ ĐỂ TẬP HUẤN: dữ liệu được gửi tới { $url } mà không mã hóa (đang bật GOCUA_ALLOW_INSECURE_PORTAL). Tuyệt đối không dùng với người dân thật.

## Cài đặt địa chỉ cổng
settings-portal-label = Địa chỉ cổng
settings-portal-help = Ví dụ: http://127.0.0.1:8787 cho cổng thử nghiệm. Để trống để dùng mặc định.
settings-save = Lưu
settings-saved = Đã lưu.

## Lỗi chung trên giao diện
ui-error-title = Có lỗi xảy ra
ui-error-dismiss = Đóng

## Khóa, người dùng và chế độ tự phục vụ
lock-title = Ứng dụng đang khóa
lock-name = Người dùng
lock-pin = Mã PIN
lock-unlock = Mở khóa
lock-now = Khóa
nav-guides = Hướng dẫn
kiosk-enter = Chế độ tự phục vụ
kiosk-badge = Tự phục vụ
kiosk-leave = Thoát tự phục vụ
kiosk-leave-title = Tình nguyện viên nhập mã PIN để thoát chế độ tự phục vụ
kiosk-nothing-stored = Ở chế độ tự phục vụ, không có thông tin nào của bạn được lưu; màn hình tự xóa khi không dùng.
